// Closed-loop gRPC load generator for the points benchmark: like pgbench's clients, each client
// sends a request, waits for its answer, then sends the next, on its own connection.
//
// It sends pre-built requests (serialized protobuf, each with its own idempotency key and bearer
// token) so that the client costs little CPU next to the server it measures: the benchmark's
// reference, pgbench, is also a C client on the same machine.
//
//   loadgen TARGET METHOD REQUEST_FILE CLIENTS SECONDS
//
// REQUEST_FILE holds records: u32 token length, token ("Bearer ..."), u32 body length, body
// (little-endian lengths). Each request is sent once; a run ends after SECONDS or when every
// request has been sent. Prints one JSON object: ops, errors, seconds, p50_ms, p99_ms, exhausted.
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

struct Request {
  std::string token;
  grpc::ByteBuffer body;
};

static std::vector<Request> read_requests(const char* path) {
  std::ifstream in(path, std::ios::binary);
  std::vector<Request> out;
  auto read_string = [&in](std::string* s) {
    uint32_t n;
    if (!in.read(reinterpret_cast<char*>(&n), 4)) return false;
    s->resize(n);
    return static_cast<bool>(in.read(s->data(), n));
  };
  std::string token, body;
  while (read_string(&token) && read_string(&body)) {
    grpc::Slice slice(body);
    out.push_back({token, grpc::ByteBuffer(&slice, 1)});
  }
  return out;
}

int main(int argc, char** argv) {
  if (argc != 6) {
    std::cerr << "usage: loadgen TARGET METHOD REQUEST_FILE CLIENTS SECONDS\n";
    return 2;
  }
  const std::string target = argv[1], method = argv[2];
  const std::vector<Request> requests = read_requests(argv[3]);
  const int clients = std::stoi(argv[4]);
  const double seconds = std::stod(argv[5]);
  std::atomic<size_t> next{0};
  std::atomic<long> errors{0};
  std::atomic<bool> exhausted{false};
  std::vector<std::vector<double>> latencies(clients);
  const auto start = std::chrono::steady_clock::now();
  const auto stop_at = start + std::chrono::duration<double>(seconds);

  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      grpc::ChannelArguments args;
      args.SetInt("grpc.use_local_subchannel_pool", 1);  // a connection of its own
      auto channel = grpc::CreateCustomChannel(target, grpc::InsecureChannelCredentials(), args);
      grpc::GenericStub stub(channel);
      grpc::CompletionQueue cq;
      while (std::chrono::steady_clock::now() < stop_at) {
        const size_t i = next.fetch_add(1);
        if (i >= requests.size()) {
          exhausted = true;
          break;
        }
        grpc::ClientContext ctx;
        ctx.AddMetadata("authorization", requests[i].token);
        ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
        grpc::ByteBuffer reply;
        grpc::Status status;
        const auto t0 = std::chrono::steady_clock::now();
        auto call = stub.PrepareUnaryCall(&ctx, method, requests[i].body, &cq);
        call->StartCall();
        call->Finish(&reply, &status, reinterpret_cast<void*>(1));
        void* tag;
        bool ok;
        cq.Next(&tag, &ok);
        latencies[c].push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
        if (!status.ok() && errors.fetch_add(1) < 3) {
          std::cerr << "error " << status.error_code() << ": " << status.error_message() << "\n";
        }
      }
      cq.Shutdown();
    });
  }
  for (auto& t : threads) t.join();
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::vector<double> all;
  for (auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
  std::sort(all.begin(), all.end());
  auto q = [&all](double p) { return all.empty() ? 0.0 : all[std::min(all.size() - 1, size_t(all.size() * p))]; };
  const long ops = static_cast<long>(all.size()) - errors.load();
  std::printf("{\"ops\": %ld, \"errors\": %ld, \"seconds\": %.2f, \"p50_ms\": %.2f, \"p99_ms\": %.2f, \"exhausted\": %s}\n",
              ops, errors.load(), elapsed, q(0.5), q(0.99), exhausted ? "true" : "false");
  return 0;
}

-- Run once by the postgres image on an empty data directory
-- (mounted at /docker-entrypoint-initdb.d). Each service owns its database:
-- database_url postgresql://postgres@postgres:5432/cityplat_{service}.
CREATE DATABASE cityplat_registry;
CREATE DATABASE cityplat_points;
CREATE DATABASE cityplat_council;
CREATE DATABASE cityplat_mediation;
CREATE DATABASE cityplat_centers;

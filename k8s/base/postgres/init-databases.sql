-- One PostgreSQL server, one database per service that keeps data (each service migrates its own schema
-- with Flyway at start-up). The official postgres image runs this once, when its data directory is new,
-- as POSTGRES_USER, who then owns the databases. docker-compose.yml mounts this file; Kubernetes mounts it
-- from the ConfigMap dispatch-postgres-init that k8s/base/kustomization.yaml generates from it.
CREATE DATABASE orders;
CREATE DATABASE payments;
CREATE DATABASE iot;
CREATE DATABASE notifications;

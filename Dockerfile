# One recipe for the four service images: docker compose passes SERVICE (command-api, sales-projector,
# notification-service or web-ui). The build stage compiles only that service and what it depends on.
# Base images are pinned to a release; the shop's own images are tagged with the project version.
ARG SERVICE

FROM maven:3.9.9-eclipse-temurin-17 AS build
ARG SERVICE
WORKDIR /src
# the whole context (.dockerignore leaves out builds and local state): the reactor reads every module's POM
COPY . .
RUN --mount=type=cache,target=/root/.m2 mvn -B -q -DskipTests -pl ${SERVICE} -am package \
 && cp ${SERVICE}/target/${SERVICE}-*-runner.jar /service.jar

FROM eclipse-temurin:17.0.13_11-jre
# curl for compose's health checks; a numeric non-root user, so Kubernetes can verify runAsNonRoot
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 shop && useradd --system --uid 10001 --gid 10001 --no-create-home shop
COPY --from=build /service.jar /app/service.jar
USER 10001:10001
# the JVM writes only to /tmp (an emptyDir on Kubernetes, where the root filesystem is read-only)
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=70 -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp"
# arguments go to the jar: `docker run --rm -i licence-shop/web-ui:<version> hash-password`
ENTRYPOINT ["java", "-jar", "/app/service.jar"]

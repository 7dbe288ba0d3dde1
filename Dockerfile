# One recipe for the four service images: docker compose passes SERVICE (command-api, sales-projector,
# notification-service or web-ui). The build stage compiles only that service and what it depends on.
ARG SERVICE

FROM maven:3.9-eclipse-temurin-17 AS build
ARG SERVICE
WORKDIR /src
COPY pom.xml ./
COPY shop-events shop-events
COPY test-support test-support
COPY command-api command-api
COPY sales-projector sales-projector
COPY notification-service notification-service
COPY web-ui web-ui
COPY e2e-tests/pom.xml e2e-tests/pom.xml
RUN --mount=type=cache,target=/root/.m2 mvn -B -q -DskipTests -pl ${SERVICE} -am package \
 && cp ${SERVICE}/target/${SERVICE}-*-runner.jar /service.jar

FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 shop
COPY --from=build /service.jar /app/service.jar
USER shop
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
ENTRYPOINT ["java", "-jar", "/app/service.jar"]

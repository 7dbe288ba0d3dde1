package com.licenceshop.command;

import com.licenceshop.servicedefaults.ServiceLaunch;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeIn;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.servers.Server;

@OpenAPIDefinition(
        info =
                @Info(
                        title = "command-api",
                        version = "1",
                        description =
                                "Commands of the licence shop: catalog, orders, cancellations, sales periods, and the ops event "
                                        + "feed. Operations without a security requirement of their own are public. Every error is RFC 9457 "
                                        + "application/problem+json; every answer carries X-Correlation-Id (the caller's, or a new one)."),
        servers = @Server(url = "/", description = "this service: the document is served by the API it describes"))
@SecurityScheme(
        name = "ops",
        type = SecuritySchemeType.HTTP,
        scheme = "basic",
        description = "The ops login: OPS_USERNAME / OPS_PASSWORD (role OPS)")
@SecurityScheme(
        name = "staff",
        type = SecuritySchemeType.HTTP,
        scheme = "bearer",
        bearerFormat = "JWT",
        description = "A sales staff member's token (role SALES), minted by web-ui for each catalog write: ES256, "
                + "iss web-ui, aud command-api, exp required")
@SecurityScheme(
        name = "orderToken",
        type = SecuritySchemeType.APIKEY,
        in = SecuritySchemeIn.HEADER,
        paramName = "Order-Token",
        description =
                "The buyer's order access token: in the answer to placing the order and in the confirmation mail's link")
public class Application {

    public static void main(String[] args) {
        ServiceLaunch.start(Application.class, args);
    }
}

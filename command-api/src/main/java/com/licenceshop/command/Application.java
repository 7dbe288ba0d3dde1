package com.licenceshop.command;

import com.licenceshop.servicedefaults.ServiceLaunch;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

@OpenAPIDefinition(info = @Info(
        title = "command-api",
        version = "1",
        description = "Commands of the licence shop: catalog, orders, cancellations, sales periods, and the ops event feed."))
@SecurityScheme(name = "ops", type = SecuritySchemeType.HTTP, scheme = "basic",
        description = "OPS_USERNAME / OPS_PASSWORD")
public class Application {

    public static void main(String[] args) {
        ServiceLaunch.start(Application.class, args);
    }
}

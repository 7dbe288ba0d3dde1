package com.licenceshop.web;

import com.licenceshop.web.login.HashPasswordCommand;
import io.micronaut.runtime.Micronaut;

public class Application {

    public static void main(String[] args) {
        // `java -jar web-ui-…-runner.jar hash-password [password]` prints a hash for STAFF_USERS and exits,
        // without starting the server (and without needing a database)
        if (args.length > 0 && HashPasswordCommand.NAME.equals(args[0])) {
            System.exit(HashPasswordCommand.run(args, System.in, System.out, System.err));
        }
        // with LOG_FORMAT=json every line on stdout is a JSON object, so no ASCII-art banner
        Micronaut.build(args).mainClass(Application.class).banner(!"json".equals(System.getenv("LOG_FORMAT"))).start();
    }
}

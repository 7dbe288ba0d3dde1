package com.licenceshop.web;

import com.licenceshop.servicedefaults.ServiceLaunch;
import com.licenceshop.web.login.HashPasswordCommand;

public class Application {

    public static void main(String[] args) {
        // `java -jar web-ui-…-runner.jar hash-password [password]` prints a hash for STAFF_USERS and exits,
        // without starting the server (and without needing a database)
        if (args.length > 0 && HashPasswordCommand.NAME.equals(args[0])) {
            System.exit(HashPasswordCommand.run(args, System.in, System.out, System.err));
        }
        ServiceLaunch.start(Application.class, args);
    }
}

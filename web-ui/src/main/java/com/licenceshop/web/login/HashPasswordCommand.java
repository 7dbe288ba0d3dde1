package com.licenceshop.web.login;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code hash-password [password]}: prints a hash for {@code STAFF_USERS} as the last line of standard output.
 * Without the argument the password is read from the terminal (not echoed) or from standard input, so it
 * need not appear in the shell history or the process list.
 */
public final class HashPasswordCommand {

    public static final String NAME = "hash-password";

    private HashPasswordCommand() {}

    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        String password;
        if (args.length > 2) {
            err.println("usage: java -jar web-ui-runner.jar hash-password [password]");
            return 2;
        }
        if (args.length == 2) {
            password = args[1];
        } else {
            password = readPassword(in, err);
        }
        if (password == null || password.isEmpty()) {
            err.println("hash-password: the password must not be empty");
            return 2;
        }
        out.println(PasswordHashing.hash(password));
        return 0;
    }

    private static String readPassword(InputStream in, PrintStream err) {
        Console console = System.console();
        if (console != null && in == System.in) {
            char[] typed = console.readPassword("password: ");
            return typed == null ? null : new String(typed);
        }
        try {
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            err.println("hash-password: cannot read the password: " + e.getMessage());
            return null;
        }
    }
}

package com.licenceshop.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The checkout under test (set by the POM) and the few commands the checks run in it. */
final class Repository {

    static final Path ROOT = Path.of(System.getProperty("shop.repository.dir", ".."))
            .toAbsolutePath()
            .normalize();
    static final String VERSION = System.getProperty("shop.version", "0.1.0-SNAPSHOT");

    private Repository() {}

    /** Runs a command to its end and returns its standard output; fails with its error output otherwise. */
    static String run(Path directory, String... command) {
        try {
            Process process =
                    new ProcessBuilder(command).directory(directory.toFile()).start();
            process.getOutputStream().close();
            var stderr = new StringBuilder();
            Thread drain = new Thread(() -> {
                try {
                    stderr.append(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException ignored) {
                    // the process died; its exit code says so
                }
            });
            drain.start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within 60 s");
            }
            drain.join();
            if (process.exitValue() != 0) {
                throw new AssertionError(
                        String.join(" ", command) + " exited with " + process.exitValue() + ":\n" + stderr);
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError(
                    "cannot run " + command[0] + " (" + e.getMessage() + "): "
                            + (command[0].equals("kubectl")
                                    ? "install it: apt-get install kubectl (it brings kustomize v5); .ci/run does"
                                    : command[0].equals("promtool")
                                            ? "install it: apt-get install prometheus (it brings promtool); .ci/run does"
                                            : "is it installed?"),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException(e));
        }
    }

    /** Paths (relative to the root) that git would ignore, of those given. */
    static List<String> ignoredByGit(List<String> paths) {
        List<String> command = new ArrayList<>(List.of("git", "check-ignore", "--no-index", "--"));
        command.addAll(paths);
        try {
            Process process = new ProcessBuilder(command)
                    .directory(ROOT.toFile())
                    .redirectErrorStream(true)
                    .start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(30, TimeUnit.SECONDS);
            return out.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
        } catch (IOException e) {
            throw new AssertionError("git is needed to check what is ignored: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

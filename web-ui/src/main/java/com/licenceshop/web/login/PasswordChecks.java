package com.licenceshop.web.login;

import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The threads that verify passwords: a fixed few with a short queue, so that PBKDF2 never runs on an event loop
 * and a flood of logins can occupy at most these threads. Checks beyond the queue are refused at once, unchecked:
 * under a flood a real login may have to be tried again, but the shop and {@code /health} keep answering. The
 * login form and HTTP Basic (scripts) have a pool each, so a flood of Basic logins cannot starve the form.
 */
@Singleton
class PasswordChecks {

    static final String THREAD_PREFIX = "password-check-";

    private final Map<CheckBudget.Kind, ThreadPoolExecutor> executors = new EnumMap<>(CheckBudget.Kind.class);

    PasswordChecks(
            @Value("${shop.login.check-threads:1}") int threads, @Value("${shop.login.check-queue:16}") int queue) {
        AtomicInteger count = new AtomicInteger();
        for (CheckBudget.Kind kind : CheckBudget.Kind.values()) {
            String prefix = THREAD_PREFIX + kind.name().toLowerCase(Locale.ROOT) + "-";
            executors.put(
                    kind,
                    new ThreadPoolExecutor(
                            threads,
                            threads,
                            0,
                            TimeUnit.MILLISECONDS,
                            new ArrayBlockingQueue<>(queue),
                            task -> {
                                Thread thread = new Thread(task, prefix + count.incrementAndGet());
                                thread.setDaemon(true);
                                return thread;
                            },
                            new ThreadPoolExecutor.AbortPolicy()));
        }
    }

    /** The check's result, later; completed exceptionally with {@link RejectedExecutionException} when all are busy. */
    <T> CompletableFuture<T> submit(CheckBudget.Kind kind, Supplier<T> check) {
        try {
            return CompletableFuture.supplyAsync(check, executors.get(kind));
        } catch (RejectedExecutionException busy) {
            return CompletableFuture.failedFuture(busy);
        }
    }

    @PreDestroy
    void stop() {
        executors.values().forEach(ThreadPoolExecutor::shutdownNow);
    }
}

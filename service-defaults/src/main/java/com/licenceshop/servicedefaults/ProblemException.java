package com.licenceshop.servicedefaults;

/** Thrown by a controller to answer with a problem; {@link ProblemHandlers} renders it. */
public final class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.title() + ": " + problem.detail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}

package dev.inkan.orderapi;

/** A refusal the API answers with its problem document. */
final class ApiException extends RuntimeException {
    private final ApiProblem problem;

    ApiException(ApiProblem problem) {
        super(problem.status() + " " + problem.type() + ": " + problem.detail(), null, false, false);
        this.problem = problem;
    }

    ApiProblem problem() {
        return problem;
    }
}

package dev.dispatch.platform.problem;

/** One kind of problem: its stable type URI, its title and its HTTP status. */
public record ProblemDefinition(String type, String title, int status) implements ProblemKind {
}

package org.ntk4j.cli;

/**
 * A failure reported as its cause is (same message, same exit code), with advice appended to
 * the line: e.g. that an interrupted device run can be resumed.
 */
final class HintedFailure extends RuntimeException {
  private final String hint;

  HintedFailure(RuntimeException cause, String hint) {
    super(cause);
    this.hint = hint;
  }

  String hint() {
    return hint;
  }
}

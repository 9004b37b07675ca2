package org.ntk4j.stax;

/** A spec that does not parse; the message starts with the 1-based column of the problem. */
public class SpecParseException extends ArchitectureException {
  private final int column;

  public SpecParseException(int column, String message) {
    super("column " + column + ": " + message);
    this.column = column;
  }

  /** 1-based column of the offending character in the spec. */
  public int column() {
    return column;
  }
}

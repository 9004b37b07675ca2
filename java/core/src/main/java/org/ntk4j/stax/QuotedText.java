package org.ntk4j.stax;

/** A quoted argument of a spec, e.g. the expression of {@code elementwise("tanh(x)")}. */
record QuotedText(String text) {
  @Override
  public String toString() {
    return "\"" + text + "\"";
  }
}

package org.ntk4j.linalg;

/** Which triangle of a triangular matrix holds its values (the other is ignored, not read). */
public enum Triangle {
  LOWER,
  UPPER
}

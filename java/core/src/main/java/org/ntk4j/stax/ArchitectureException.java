package org.ntk4j.stax;

/** An architecture that neural-tangents would refuse: the message names the problem and the fix. */
public class ArchitectureException extends IllegalArgumentException {
  public ArchitectureException(String message) {
    super(message);
  }
}

package org.ntk4j;


/** Input the library refuses rather than compute a wrong answer from; the message says why. */
public class InvalidInputException extends IllegalArgumentException {
  public InvalidInputException(String message) {
    super(message);
  }
}

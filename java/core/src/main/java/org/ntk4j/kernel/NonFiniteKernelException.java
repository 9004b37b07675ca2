package org.ntk4j.kernel;

import org.ntk4j.InvalidInputException;

/**
 * A kernel that would contain NaN or an infinity, refused instead of returned or written; the
 * message names the first such entry and the layer where its values left the precision's range.
 */
public final class NonFiniteKernelException extends InvalidInputException {
  public NonFiniteKernelException(String message) {
    super(message);
  }
}

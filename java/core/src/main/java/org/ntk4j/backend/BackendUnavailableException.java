package org.ntk4j.backend;

import org.ntk4j.InvalidInputException;

/** The backend asked for does not exist or cannot run here; the message says why. */
public class BackendUnavailableException extends InvalidInputException {
  public BackendUnavailableException(String message) {
    super(message);
  }
}

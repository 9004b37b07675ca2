package org.ntk4j.backend.cuda;

/** The GPU ran out of memory; the message says how much was asked for and how to need less. */
public final class CudaOutOfMemoryException extends CudaException {
  public CudaOutOfMemoryException(String message, int result) {
    super(message, result);
  }
}

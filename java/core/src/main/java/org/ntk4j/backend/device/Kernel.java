package org.ntk4j.backend.device;

/** A kernel a runtime can launch (an OpenCL kernel, a CUDA function); owned by the runtime. */
public interface Kernel {
  /** The exported name, for messages. */
  String name();
}

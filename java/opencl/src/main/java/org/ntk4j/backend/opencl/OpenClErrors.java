package org.ntk4j.backend.opencl;

import static org.jocl.CL.CL_INVALID_BUFFER_SIZE;
import static org.jocl.CL.CL_MEM_OBJECT_ALLOCATION_FAILURE;
import static org.jocl.CL.CL_OUT_OF_HOST_MEMORY;
import static org.jocl.CL.CL_OUT_OF_RESOURCES;

import org.jocl.CL;
import org.jocl.CLException;
import org.ntk4j.backend.device.DeviceException;
import org.ntk4j.backend.device.DeviceOutOfMemoryException;

/**
 * JOCL's exceptions as the device runtime's: running out of memory (devices may allocate
 * lazily, so this can surface at a launch or a wait) is a {@link DeviceOutOfMemoryException},
 * anything else an {@link OpenClException}; both name the operation and the OpenCL status.
 */
final class OpenClErrors {
  private OpenClErrors() {}

  static DeviceException translate(CLException e, String what, OpenClDevice device) {
    String status = CL.stringFor_errorCode(e.getStatus());
    if (outOfMemory(e.getStatus())) {
      return new DeviceOutOfMemoryException("out of memory on " + device.name() + " while "
          + what + " (" + status + "): use --precision float32 or smaller inputs", e);
    }
    return new OpenClException("OpenCL failed on " + device.name() + " while " + what + " ("
        + status + ")", e);
  }

  static boolean outOfMemory(int status) {
    return status == CL_MEM_OBJECT_ALLOCATION_FAILURE || status == CL_OUT_OF_RESOURCES
        || status == CL_OUT_OF_HOST_MEMORY || status == CL_INVALID_BUFFER_SIZE;
  }
}

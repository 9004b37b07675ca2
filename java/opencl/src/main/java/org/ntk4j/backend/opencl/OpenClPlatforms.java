package org.ntk4j.backend.opencl;

import static org.jocl.CL.CL_DEVICE_MAX_COMPUTE_UNITS;
import static org.jocl.CL.CL_DEVICE_EXTENSIONS;
import static org.jocl.CL.CL_DEVICE_GLOBAL_MEM_SIZE;
import static org.jocl.CL.CL_DEVICE_LOCAL_MEM_SIZE;
import static org.jocl.CL.CL_DEVICE_MAX_MEM_ALLOC_SIZE;
import static org.jocl.CL.CL_DEVICE_MAX_WORK_GROUP_SIZE;
import static org.jocl.CL.CL_DEVICE_NAME;
import static org.jocl.CL.CL_DEVICE_NATIVE_VECTOR_WIDTH_DOUBLE;
import static org.jocl.CL.CL_DEVICE_TYPE;
import static org.jocl.CL.CL_DEVICE_TYPE_ACCELERATOR;
import static org.jocl.CL.CL_DEVICE_TYPE_ALL;
import static org.jocl.CL.CL_DEVICE_TYPE_CPU;
import static org.jocl.CL.CL_DEVICE_TYPE_GPU;
import static org.jocl.CL.CL_DEVICE_VERSION;
import static org.jocl.CL.CL_PLATFORM_NAME;

import java.util.ArrayList;
import java.util.List;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/** Finds OpenCL platforms and devices through JOCL, turning every failure into a reason. */
public final class OpenClPlatforms {
  private static volatile OpenClProbe cached;

  private OpenClPlatforms() {}

  /** The devices of every platform (probed once per JVM), or why there are none. */
  public static OpenClProbe probe() {
    OpenClProbe p = cached;
    if (p == null) {
      synchronized (OpenClPlatforms.class) {
        if (cached == null) {
          // Listing PoCL's devices replaces the JVM's signal handlers (JvmSignalHandlers).
          cached = JvmSignalHandlers.preserving(OpenClPlatforms::probeNow);
        }
        p = cached;
      }
    }
    return p;
  }

  private static OpenClProbe probeNow() {
    List<String> problems = new ArrayList<>();
    List<OpenClDevice> devices = new ArrayList<>();
    cl_platform_id[] platforms;
    try {
      CL.setExceptionsEnabled(true);
      int[] count = new int[1];
      CL.clGetPlatformIDs(0, null, count);
      platforms = new cl_platform_id[count[0]];
      CL.clGetPlatformIDs(platforms.length, platforms, null);
    } catch (LinkageError e) {
      problems.add("the OpenCL library could not be loaded (" + e.getMessage() + ")");
      return new OpenClProbe(devices, problems);
    } catch (CLException e) {
      problems.add("no OpenCL platform (" + CL.stringFor_errorCode(e.getStatus()) + ")");
      return new OpenClProbe(devices, problems);
    }
    if (platforms.length == 0) {
      problems.add("no OpenCL platform is installed");
    }
    for (cl_platform_id platform : platforms) {
      String platformName = platformString(platform, CL_PLATFORM_NAME);
      try {
        int[] count = new int[1];
        CL.clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, 0, null, count);
        cl_device_id[] ids = new cl_device_id[count[0]];
        CL.clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, ids.length, ids, null);
        for (cl_device_id id : ids) {
          devices.add(describe(devices.size(), platform, platformName, id));
        }
      } catch (CLException e) {
        problems.add("platform " + platformName + " has no usable device ("
            + CL.stringFor_errorCode(e.getStatus()) + ")");
      }
    }
    return new OpenClProbe(devices, problems);
  }

  private static OpenClDevice describe(int index, cl_platform_id platform, String platformName,
      cl_device_id id) {
    long type = deviceLong(id, CL_DEVICE_TYPE);
    String typeName = (type & CL_DEVICE_TYPE_GPU) != 0 ? "GPU"
        : (type & CL_DEVICE_TYPE_CPU) != 0 ? "CPU"
        : (type & CL_DEVICE_TYPE_ACCELERATOR) != 0 ? "accelerator" : "other";
    boolean fp64 = (" " + deviceString(id, CL_DEVICE_EXTENSIONS) + " ").contains(" cl_khr_fp64 ");
    return new OpenClDevice(index, platform, id, platformName, deviceString(id, CL_DEVICE_NAME),
        typeName, deviceString(id, CL_DEVICE_VERSION), fp64,
        deviceLong(id, CL_DEVICE_GLOBAL_MEM_SIZE), deviceLong(id, CL_DEVICE_MAX_MEM_ALLOC_SIZE),
        deviceLong(id, CL_DEVICE_LOCAL_MEM_SIZE), deviceSize(id, CL_DEVICE_MAX_WORK_GROUP_SIZE),
        deviceInt(id, CL_DEVICE_MAX_COMPUTE_UNITS),
        deviceInt(id, CL_DEVICE_NATIVE_VECTOR_WIDTH_DOUBLE));
  }

  private static String platformString(cl_platform_id platform, int param) {
    long[] size = new long[1];
    CL.clGetPlatformInfo(platform, param, 0, null, size);
    byte[] buffer = new byte[(int) size[0]];
    CL.clGetPlatformInfo(platform, param, buffer.length, Pointer.to(buffer), null);
    return cString(buffer);
  }

  private static String deviceString(cl_device_id id, int param) {
    long[] size = new long[1];
    CL.clGetDeviceInfo(id, param, 0, null, size);
    byte[] buffer = new byte[(int) size[0]];
    CL.clGetDeviceInfo(id, param, buffer.length, Pointer.to(buffer), null);
    return cString(buffer);
  }

  private static long deviceLong(cl_device_id id, int param) {
    long[] v = new long[1];
    CL.clGetDeviceInfo(id, param, Sizeof.cl_ulong, Pointer.to(v), null);
    return v[0];
  }

  private static long deviceSize(cl_device_id id, int param) {
    long[] v = new long[1];
    CL.clGetDeviceInfo(id, param, Sizeof.size_t, Pointer.to(v), null);
    return v[0];
  }

  private static int deviceInt(cl_device_id id, int param) {
    int[] v = new int[1];
    CL.clGetDeviceInfo(id, param, Sizeof.cl_uint, Pointer.to(v), null);
    return v[0];
  }

  private static String cString(byte[] bytes) {
    int n = 0;
    while (n < bytes.length && bytes[n] != 0) {
      n++;
    }
    return new String(bytes, 0, n, java.nio.charset.StandardCharsets.UTF_8).trim();
  }
}

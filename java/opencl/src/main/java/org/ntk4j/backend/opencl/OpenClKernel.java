package org.ntk4j.backend.opencl;

import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_kernel;
import org.ntk4j.backend.device.DeviceBuffer;
import org.ntk4j.backend.device.Kernel;
import org.ntk4j.backend.device.KernelArgs;

/**
 * One kernel of a built program. OpenCL kernel objects hold their arguments, so setting them
 * and enqueueing happen together under the kernel's lock ({@link OpenClContext#enqueue}).
 */
final class OpenClKernel implements Kernel {
  private final String name;
  private final cl_kernel kernel;

  OpenClKernel(String name, cl_kernel kernel) {
    this.name = name;
    this.kernel = kernel;
  }

  @Override
  public String name() {
    return name;
  }

  cl_kernel handle() {
    return kernel;
  }

  /** Sets every argument, by its C type, in order. */
  void setArguments(KernelArgs args) {
    args.passTo(new KernelArgs.Sink() {
      private int index;

      @Override
      public void buffer(DeviceBuffer buffer) {
        set(Sizeof.cl_mem, Pointer.to(((OpenClBuffer) buffer).mem()));
      }

      @Override
      public void int32(int value) {
        set(Sizeof.cl_int, Pointer.to(new int[] {value}));
      }

      @Override
      public void int64(long value) {
        set(Sizeof.cl_long, Pointer.to(new long[] {value}));
      }

      @Override
      public void float64(double value) {
        set(Sizeof.cl_double, Pointer.to(new double[] {value}));
      }

      @Override
      public void float32(float value) {
        set(Sizeof.cl_float, Pointer.to(new float[] {value}));
      }

      private void set(long size, Pointer value) {
        CL.clSetKernelArg(kernel, index++, size, value);
      }
    });
  }

  void release() {
    CL.clReleaseKernel(kernel);
  }
}

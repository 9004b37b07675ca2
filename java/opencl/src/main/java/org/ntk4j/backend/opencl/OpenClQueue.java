package org.ntk4j.backend.opencl;

import java.util.ArrayList;
import java.util.List;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.cl_event;
import org.ntk4j.backend.device.DeviceBuffer;
import org.ntk4j.backend.device.DeviceQueue;
import org.ntk4j.backend.device.Grid;
import org.ntk4j.backend.device.HostBuffer;
import org.ntk4j.backend.device.Kernel;
import org.ntk4j.backend.device.KernelArgs;

/**
 * A queue of the device runtime on the context's one in-order OpenCL queue: its work runs in
 * order with everyone's, and {@link #await()} waits for the events of its own (the host's
 * storing of one slot overlaps the device computing the other).
 */
final class OpenClQueue implements DeviceQueue {
  private final OpenClContext context;
  private final List<cl_event> pending = new ArrayList<>();

  OpenClQueue(OpenClContext context) {
    this.context = context;
  }

  @Override
  public void launch(Kernel kernel, Grid grid, KernelArgs args) {
    cl_event done = new cl_event();
    context.enqueue(kernel, grid, args, done);
    pending.add(done);
  }

  @Override
  public void readAsync(DeviceBuffer source, HostBuffer target, long bytes) {
    cl_event done = new cl_event();
    try {
      CL.clEnqueueReadBuffer(context.queue(), ((OpenClBuffer) source).mem(), false, 0, bytes,
          Pointer.to(target.bytes()), 0, null, done);
    } catch (CLException e) {
      throw context.failure(e, "copying " + bytes + " bytes from the device");
    }
    pending.add(done);
  }

  @Override
  public void flush() {
    try {
      CL.clFlush(context.queue());
    } catch (CLException e) {
      throw context.failure(e, "starting queued work");
    }
  }

  @Override
  public void await() {
    if (pending.isEmpty()) {
      return;
    }
    cl_event[] events = pending.toArray(new cl_event[0]);
    pending.clear();
    try {
      CL.clWaitForEvents(events.length, events);
    } catch (CLException e) {
      throw context.failure(e, "waiting for the device");
    } finally {
      for (cl_event e : events) {
        CL.clReleaseEvent(e);
      }
    }
  }

  @Override
  public void close() {
    await();
  }
}

/**
 * The host side of the device backends, written once: a {@link
 * org.ntk4j.backend.device.DeviceRuntime} (buffers, host memory for asynchronous copies, typed
 * kernel launches, queues) that each backend implements as a thin adapter over its binding
 * (JOCL, JCuda), and above it what every device does the same way: float64/float32
 * marshalling ({@link org.ntk4j.backend.device.DeviceBuffer}), device-resident matrices, the
 * tiled kernel backend ({@link org.ntk4j.backend.device.DeviceKernelBackend}) and the device
 * linear algebra ({@link org.ntk4j.backend.device.DeviceLinearAlgebra}). The kernels they launch
 * are written once too, for both dialects (opencl/ntk_tile.cl, opencl/ntk_linalg.cl). No GPU
 * binding is used here.
 */
package org.ntk4j.backend.device;

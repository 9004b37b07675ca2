package org.ntk4j.backend.device;

/**
 * A row-major matrix operand inside a device buffer, as the kernels address one: the buffer,
 * the element offset of its first entry and its leading dimension (elements between rows).
 */
public record MatrixRegion(DeviceBuffer buffer, long offset, int ld) {}

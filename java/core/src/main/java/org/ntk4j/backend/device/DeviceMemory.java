package org.ntk4j.backend.device;

/**
 * What a device's memory allows, as a job plans with it.
 *
 * @param largestBuffer the largest single buffer, in bytes
 * @param available the memory the job may use, in bytes (the device's total, or what is free
 *     now where the runtime can tell)
 */
public record DeviceMemory(long largestBuffer, long available) {}

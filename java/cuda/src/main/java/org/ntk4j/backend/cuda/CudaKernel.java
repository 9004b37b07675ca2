package org.ntk4j.backend.cuda;

import jcuda.driver.CUfunction;
import org.ntk4j.backend.device.Kernel;

/** A kernel of one of the jar's PTX modules, loaded in a context. */
record CudaKernel(String name, CUfunction function) implements Kernel {}

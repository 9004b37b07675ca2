/* Generated from org.ntk4j.backend.cuda.ProgramCode (ProgramCodeTest fails when they differ). */
#ifndef NTK_PROGRAM_CODES_H
#define NTK_PROGRAM_CODES_H
/* Ops: the code, then its operands. */
#define OP_AFFINE 0 /* reg, ntkParameterization, constants at: w2, b2, nIn, bias */
#define OP_ELEMENTWISE 1 /* reg, function, constants at: the function's arguments */
#define OP_COPY 2 /* to, from */
#define OP_SUM 3 /* count, regs... */
#define OP_PRODUCT 4 /* count, regs... */
#define OP_WEIGHTED_SUM 5 /* count, regs..., constants at: weights... */
/* The most register sets the multi-branch kernels hold. */
#define NTK_MAX_SETS 16
#endif

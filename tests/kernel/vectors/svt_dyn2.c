// SPDX-License-Identifier: GPL-2.0
/* Test module "svt_dyn2": svt_dyn with another offset, to stack hijacks. */
#define SVT_DYN_OFFSET	2000000
#define SVT_DYN_VECTOR	"svt_dyn"
#define SVT_DYN_NO_VECTOR
#include "svt_dyn.c"

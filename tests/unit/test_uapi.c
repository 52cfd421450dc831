// SPDX-License-Identifier: GPL-2.0
/*
 * The ioctl ABI in include/uapi/sysvec.h: struct sizes match their
 * *_SIZE_VER0 constants, are multiples of 8 and have no hidden padding,
 * the size field comes first, ioctl numbers are distinct and carry the
 * right direction, and rule words pack and unpack losslessly.
 */
#include <stddef.h>
#include <sys/ioctl.h>
#include "sysvec.h"
#include "unit.h"

START_TEST(test_sizes_match_ver0)
{
	ck_assert_uint_eq(sizeof(struct sysvec_version), SYSVEC_VERSION_SIZE_VER0);
	ck_assert_uint_eq(sizeof(struct sysvec_list), SYSVEC_LIST_SIZE_VER0);
	ck_assert_uint_eq(sizeof(struct sysvec_get), SYSVEC_GET_SIZE_VER0);
	ck_assert_uint_eq(sizeof(struct sysvec_attach), SYSVEC_ATTACH_SIZE_VER0);
	ck_assert_uint_eq(sizeof(struct sysvec_detach), SYSVEC_DETACH_SIZE_VER0);
	ck_assert_uint_eq(sizeof(struct sysvec_monitor), SYSVEC_MONITOR_SIZE_VER0);
	ck_assert_uint_eq(sizeof(struct sysvec_event), SYSVEC_EVENT_SIZE_VER0);
}
END_TEST

START_TEST(test_sizes_multiple_of_8)
{
	ck_assert_uint_eq(sizeof(struct sysvec_version) % 8, 0);
	ck_assert_uint_eq(sizeof(struct sysvec_list) % 8, 0);
	ck_assert_uint_eq(sizeof(struct sysvec_get) % 8, 0);
	ck_assert_uint_eq(sizeof(struct sysvec_attach) % 8, 0);
	ck_assert_uint_eq(sizeof(struct sysvec_detach) % 8, 0);
	ck_assert_uint_eq(sizeof(struct sysvec_vector_info) % 8, 0);
	ck_assert_uint_eq(sizeof(struct sysvec_monitor) % 8, 0);
	ck_assert_uint_eq(sizeof(struct sysvec_event) % 8, 0);
}
END_TEST

START_TEST(test_size_field_first)
{
	ck_assert_uint_eq(offsetof(struct sysvec_version, size), 0);
	ck_assert_uint_eq(offsetof(struct sysvec_list, size), 0);
	ck_assert_uint_eq(offsetof(struct sysvec_get, size), 0);
	ck_assert_uint_eq(offsetof(struct sysvec_attach, size), 0);
	ck_assert_uint_eq(offsetof(struct sysvec_detach, size), 0);
	ck_assert_uint_eq(offsetof(struct sysvec_monitor, size), 0);
	ck_assert_uint_eq(offsetof(struct sysvec_event, size), 0);
}
END_TEST

/* Offsets are ABI: a change here breaks every existing binary. */
START_TEST(test_offsets)
{
	ck_assert_uint_eq(offsetof(struct sysvec_version, features), 16);
	ck_assert_uint_eq(offsetof(struct sysvec_list, entries), 16);
	ck_assert_uint_eq(offsetof(struct sysvec_get, pid), 8);
	ck_assert_uint_eq(offsetof(struct sysvec_get, vector_name), 32);
	ck_assert_uint_eq(offsetof(struct sysvec_attach, pid), 8);
	ck_assert_uint_eq(offsetof(struct sysvec_attach, vector_id), 12);
	ck_assert_uint_eq(offsetof(struct sysvec_attach, vector_name), 16);
	ck_assert_uint_eq(offsetof(struct sysvec_detach, pid), 8);
	ck_assert_uint_eq(offsetof(struct sysvec_vector_info, name), 16);
	ck_assert_uint_eq(sizeof(struct sysvec_vector_info), 16 + 3 * SYSVEC_NAME_LEN);
	/* API 1.5: monitoring. The event layout is the same for i386 readers. */
	ck_assert_uint_eq(offsetof(struct sysvec_monitor, nr), 8);
	ck_assert_uint_eq(offsetof(struct sysvec_monitor, uid), 16);
	ck_assert_uint_eq(offsetof(struct sysvec_event, seq), 8);
	ck_assert_uint_eq(offsetof(struct sysvec_event, pid), 24);
	ck_assert_uint_eq(offsetof(struct sysvec_event, abi), 40);
	ck_assert_uint_eq(offsetof(struct sysvec_event, args), 56);
	ck_assert_uint_eq(offsetof(struct sysvec_event, comm), 104);
}
END_TEST

START_TEST(test_ioctl_numbers)
{
	unsigned long cmds[] = {
		SYSVEC_IOC_GET_VERSION, SYSVEC_IOC_LIST, SYSVEC_IOC_GET,
		SYSVEC_IOC_ATTACH, SYSVEC_IOC_DETACH, SYSVEC_IOC_MONITOR_START,
		SYSVEC_IOC_MONITOR_STOP,
	};
	unsigned int i, j;

	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		ck_assert_uint_eq(_IOC_TYPE(cmds[i]), SYSVEC_IOC_MAGIC);
		ck_assert_uint_eq(_IOC_NR(cmds[i]), i);
		for (j = 0; j < i; j++)
			ck_assert_uint_ne(cmds[i], cmds[j]);
	}
	/* Commands that return data are read-write, the others write-only. */
	ck_assert_uint_eq(_IOC_DIR(SYSVEC_IOC_GET), _IOC_READ | _IOC_WRITE);
	ck_assert_uint_eq(_IOC_DIR(SYSVEC_IOC_LIST), _IOC_READ | _IOC_WRITE);
	ck_assert_uint_eq(_IOC_DIR(SYSVEC_IOC_ATTACH), _IOC_WRITE);
	ck_assert_uint_eq(_IOC_DIR(SYSVEC_IOC_DETACH), _IOC_WRITE);
	ck_assert_uint_eq(_IOC_SIZE(SYSVEC_IOC_ATTACH), SYSVEC_ATTACH_SIZE_VER0);
	ck_assert_uint_eq(_IOC_DIR(SYSVEC_IOC_MONITOR_START), _IOC_WRITE);
	ck_assert_uint_eq(_IOC_DIR(SYSVEC_IOC_MONITOR_STOP), _IOC_WRITE);
	ck_assert_uint_eq(_IOC_SIZE(SYSVEC_IOC_MONITOR_START), SYSVEC_MONITOR_SIZE_VER0);
}
END_TEST

START_TEST(test_rule_packing)
{
	unsigned int act, err;

	for (act = 0; act <= _SYSVEC_ACT_MAX; act++) {
		for (err = 0; err <= SYSVEC_MAX_ERRNO; err += 13) {
			__u32 r = SYSVEC_RULE(act, err);

			ck_assert_uint_eq(SYSVEC_RULE_ACTION(r), act);
			ck_assert_uint_eq(SYSVEC_RULE_ERRNO(r), err);
		}
	}
	/* A table hole (0) is the vector's default. */
	ck_assert_uint_eq(SYSVEC_RULE_ACTION(0), SYSVEC_ACT_DEFAULT);
	ck_assert_uint_eq(SYSVEC_ATTACH_F_MASK & SYSVEC_ATTACH_LOCK, SYSVEC_ATTACH_LOCK);
	/* LOCK, ON_EXEC, CHILDREN, COMPLAIN (API 1.2): bits never reused */
	ck_assert_uint_eq(SYSVEC_ATTACH_F_MASK, 15);
}
END_TEST

Suite *uapi_suite(void)
{
	Suite *s = suite_create("uapi");
	TCase *tc = tcase_create("layout");

	tcase_add_test(tc, test_sizes_match_ver0);
	tcase_add_test(tc, test_sizes_multiple_of_8);
	tcase_add_test(tc, test_size_field_first);
	tcase_add_test(tc, test_offsets);
	tcase_add_test(tc, test_ioctl_numbers);
	tcase_add_test(tc, test_rule_packing);
	suite_add_tcase(s, tc);
	return s;
}

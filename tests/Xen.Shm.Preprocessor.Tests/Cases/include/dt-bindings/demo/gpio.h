/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _DT_BINDINGS_DEMO_GPIO_H
#define _DT_BINDINGS_DEMO_GPIO_H

#define GPIO_ACTIVE_HIGH 0
#define GPIO_ACTIVE_LOW 1

#endif

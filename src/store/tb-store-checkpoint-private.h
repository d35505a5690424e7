/* tb-store-checkpoint-private.h: the store's WAL checkpoints, off its thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* SQLite's default automatic checkpoint size, in WAL pages. */
#define TB_CHECKPOINT_PAGES 1000

typedef struct _TbCheckpointer TbCheckpointer;

/* Takes over db's checkpoints (path is its file): past the threshold, a
 * worker thread checkpoints with a connection of its own. */
TbCheckpointer *tb_checkpointer_start         (sqlite3        *db,
                                               const char     *path);
/* Before db closes: waits for a running checkpoint and frees self. */
void            tb_checkpointer_stop          (TbCheckpointer *self,
                                               sqlite3        *db);
/* While an import checkpoints with its own connection (counted). */
void            tb_checkpointer_pause         (TbCheckpointer *self);
void            tb_checkpointer_resume        (TbCheckpointer *self);
gboolean        tb_checkpointer_is_paused     (TbCheckpointer *self);
/* For tests. */
void            tb_checkpointer_set_threshold (TbCheckpointer *self,
                                               int             pages);
guint           tb_checkpointer_get_completed (TbCheckpointer *self);

G_END_DECLS

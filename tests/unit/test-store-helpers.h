/* test-store-helpers.h: a fresh database in a temporary folder per test
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib/gstdio.h>

#include "tb-store.h"

typedef struct {
  char    *dir;
  char    *path;
  TbStore *store;
  gint64   campaign_id;
  gint64   texter_id;
} StoreFixture;

static inline void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR))
            remove_tree (child);
          else
            g_remove (child);
        }
    }
  g_rmdir (path);
}

static inline void
store_fixture_set_up (StoreFixture  *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("test-store-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "sub", "textbank.db", NULL);
  fixture->store = tb_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->store);

  fixture->campaign_id = tb_store_campaign_create (fixture->store, "Test", "A test campaign",
                                                   "+15125550000", FALSE, &error);
  g_assert_no_error (error);
  fixture->texter_id = tb_store_texter_add (fixture->store, "Ada", NULL, FALSE, &error);
  g_assert_no_error (error);
}

static inline void
store_fixture_tear_down (StoreFixture  *fixture,
                         gconstpointer  data)
{
  if (fixture->store != NULL)
    {
      gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

      /* A worker's task (a search a list model ran) lets go of the store
       * just after its callback ran. */
      while (g_atomic_int_get (&G_OBJECT (fixture->store)->ref_count) > 1 &&
             g_get_monotonic_time () < deadline)
        {
          g_main_context_iteration (NULL, FALSE);
          g_usleep (1000);
        }
      g_assert_finalize_object (fixture->store);
    }
  remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* Registers a test that runs on a fresh StoreFixture. */
#define STORE_TEST_ADD(name, func) \
  g_test_add (name, StoreFixture, NULL, store_fixture_set_up, func, store_fixture_tear_down)

/* Adds contacts +1512555NNNN for n = first..first+count-1. */
static inline void
add_contacts (StoreFixture *fixture,
              guint         first,
              guint         count)
{
  for (guint i = first; i < first + count; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *phone = g_strdup_printf ("+1512555%04u", i);
      g_autofree char *first_name = g_strdup_printf ("First%u", i);
      g_autofree char *last_name = g_strdup_printf ("Last%u", i);

      tb_store_contact_add (fixture->store, fixture->campaign_id, phone, first_name, last_name,
                            "78701", "America/Chicago", NULL, &error);
      g_assert_no_error (error);
    }
}

/* tb-phone-prefix.cc: when the first six digits decide a NANP number
 *
 * IsValidNumberForRegion() matches a 10-digit NANP number against the
 * region's dozen patterns through ICU: ~3 µs a number, most of an
 * import's parsing. When every one of those patterns decides a 10-digit
 * string by its first six digits (the NPA-NXX, the unit numbers are
 * assigned in), its answer for one number is the answer for all 10,000
 * that share those digits, and can be kept.
 *
 * Kept only where proven: this file reads the patterns of the metadata
 * libphonenumber runs with, builds an automaton for each and checks that
 * after any six digits either every four-digit ending is accepted or none
 * is. A pattern it cannot read, or one that fails the check, and that
 * region gets no cache: the full call every time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tb-phone"

#include "config.h"

#include "tb-phone-private.h"

#include <algorithm>
#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include <phonenumbers/phonemetadata.pb.h>

/* libphonenumber's compiled-in metadata, as PhoneNumberUtil loads it
 * (declared in its metadata.h, which is not installed). */
namespace i18n {
namespace phonenumbers {
int metadata_size ();
const void *metadata_get ();
}
}

using i18n::phonenumbers::PhoneMetadata;
using i18n::phonenumbers::PhoneMetadataCollection;
using i18n::phonenumbers::PhoneNumberDesc;

namespace {

constexpr guint kDecidingDigits = 6;
constexpr guint kNumberDigits = 10;
constexpr guint kPrefixes = 1000000;      /* 10^kDecidingDigits */
constexpr guint kMaxRepeat = 20;          /* {n,m} bounds we expand */
constexpr gsize kMaxStateSets = 200000;   /* give up beyond this */

/* ---- A pattern as an automaton over the ten digits ---------------------- */

typedef guint16 DigitSet;                 /* bit d: the digit d */
constexpr DigitSet kAnyDigit = 0x3ff;

struct Automaton
{
  struct State
  {
    DigitSet         on = 0;              /* a digit in this set moves to next */
    int              next = -1;
    std::vector<int> empty;               /* moves on no input */
  };
  std::vector<State> states;

  int
  add ()
  {
    states.emplace_back ();
    return (int) states.size () - 1;
  }
};

struct Fragment
{
  int start;
  int end;
};

/* The syntax the metadata uses: digits, \d, [...] (ranges, ^), (...) and
 * (?:...), |, and the quantifiers ?, *, +, {n}, {n,}, {n,m}. Anything else
 * fails the parse. A repeated atom is parsed again for each copy. */
class PatternParser
{
public:
  PatternParser (const std::string &text,
                 Automaton         &automaton)
    : text_ (text), automaton_ (automaton)
  {
  }

  bool
  parse (Fragment *out)
  {
    pos_ = 0;
    return alternation (out) && pos_ == text_.size ();
  }

private:
  const std::string &text_;
  Automaton         &automaton_;
  gsize              pos_ = 0;

  bool at_end () const { return pos_ >= text_.size (); }
  char peek () const { return at_end () ? '\0' : text_[pos_]; }

  void
  link (int from,
        int to)
  {
    automaton_.states[from].empty.push_back (to);
  }

  bool
  alternation (Fragment *out)
  {
    Fragment branch;

    out->start = automaton_.add ();
    out->end = automaton_.add ();
    for (;;)
      {
        if (!concatenation (&branch))
          return false;
        link (out->start, branch.start);
        link (branch.end, out->end);
        if (peek () != '|')
          return true;
        pos_++;
      }
  }

  bool
  concatenation (Fragment *out)
  {
    int last;

    out->start = last = automaton_.add ();
    while (!at_end () && peek () != '|' && peek () != ')')
      {
        Fragment piece;

        if (!repetition (&piece))
          return false;
        link (last, piece.start);
        last = piece.end;
      }
    out->end = last;
    return true;
  }

  bool
  number (guint *out)
  {
    guint value = 0;
    gsize start = pos_;

    while (g_ascii_isdigit (peek ()) && value <= kMaxRepeat)
      value = value * 10 + (guint) (text_[pos_++] - '0');
    *out = value;
    return pos_ > start && value <= kMaxRepeat;
  }

  /* min and max (G_MAXUINT: no bound) of a quantifier, or 1 and 1. */
  bool
  quantifier (guint *min,
              guint *max)
  {
    *min = *max = 1;
    switch (peek ())
      {
      case '?': pos_++; *min = 0; return true;
      case '*': pos_++; *min = 0; *max = G_MAXUINT; return true;
      case '+': pos_++; *max = G_MAXUINT; return true;
      case '{':
        pos_++;
        if (!number (min))
          return false;
        *max = *min;
        if (peek () == ',')
          {
            pos_++;
            *max = G_MAXUINT;
            if (peek () != '}' && !number (max))
              return false;
          }
        if (peek () != '}' || *max < *min)
          return false;
        pos_++;
        return true;
      default:
        return true;
      }
  }

  bool
  repetition (Fragment *out)
  {
    gsize atom_start = pos_;
    gsize after;
    Fragment first;
    guint min, max;
    int last;
    std::vector<int> skips;
    gboolean first_used = FALSE;

    if (!atom (&first))
      return false;
    gsize atom_end = pos_;
    if (!quantifier (&min, &max))
      return false;
    if (min == 1 && max == 1)
      {
        *out = first;
        return true;
      }
    after = pos_;

    /* A fresh copy of the atom for each repeat. */
    auto copy = [&] (Fragment *piece) -> bool {
      if (!first_used)
        {
          first_used = TRUE;
          *piece = first;
          return true;
        }
      pos_ = atom_start;
      bool ok = atom (piece) && pos_ == atom_end;
      pos_ = after;
      return ok;
    };

    out->start = last = automaton_.add ();
    for (guint i = 0; i < min; i++)
      {
        Fragment piece;

        if (!copy (&piece))
          return false;
        link (last, piece.start);
        last = piece.end;
      }
    if (max == G_MAXUINT)
      {
        Fragment piece;
        int loop = automaton_.add ();

        if (!copy (&piece))
          return false;
        link (last, loop);
        link (loop, piece.start);
        link (piece.end, loop);
        last = loop;
      }
    else
      for (guint i = min; i < max; i++)
        {
          Fragment piece;

          if (!copy (&piece))
            return false;
          skips.push_back (last);
          link (last, piece.start);
          last = piece.end;
        }
    out->end = automaton_.add ();
    link (last, out->end);
    for (int skip : skips)
      link (skip, out->end);
    return true;
  }

  bool
  digit_set (DigitSet on,
             Fragment *out)
  {
    out->start = automaton_.add ();
    out->end = automaton_.add ();
    automaton_.states[out->start].on = on;
    automaton_.states[out->start].next = out->end;
    return true;
  }

  bool
  character_class (DigitSet *out)
  {
    DigitSet set = 0;
    gboolean negated = FALSE;

    if (peek () == '^')
      {
        negated = TRUE;
        pos_++;
      }
    while (!at_end () && peek () != ']')
      {
        if (peek () == '\\')
          {
            if (pos_ + 1 >= text_.size () || text_[pos_ + 1] != 'd')
              return false;
            set |= kAnyDigit;
            pos_ += 2;
            continue;
          }
        if (!g_ascii_isdigit (peek ()))
          return false;
        guint low = (guint) (text_[pos_++] - '0');
        guint high = low;
        if (peek () == '-' && pos_ + 1 < text_.size () && text_[pos_ + 1] != ']')
          {
            pos_++;
            if (!g_ascii_isdigit (peek ()))
              return false;
            high = (guint) (text_[pos_++] - '0');
            if (high < low)
              return false;
          }
        for (guint d = low; d <= high; d++)
          set |= (DigitSet) (1u << d);
      }
    if (peek () != ']')
      return false;
    pos_++;
    /* Only digits are ever matched: a negated class is its complement
     * among the digits. */
    *out = negated ? (DigitSet) (kAnyDigit & ~set) : set;
    return true;
  }

  bool
  atom (Fragment *out)
  {
    char c = peek ();
    DigitSet set;

    if (c == '(')
      {
        pos_++;
        if (text_.compare (pos_, 2, "?:") == 0)
          pos_ += 2;
        else if (peek () == '?')
          return false;                   /* look-arounds and the like */
        if (!alternation (out) || peek () != ')')
          return false;
        pos_++;
        return true;
      }
    if (c == '[')
      {
        pos_++;
        return character_class (&set) && digit_set (set, out);
      }
    if (c == '\\')
      {
        if (pos_ + 1 >= text_.size () || text_[pos_ + 1] != 'd')
          return false;
        pos_ += 2;
        return digit_set (kAnyDigit, out);
      }
    if (g_ascii_isdigit (c))
      {
        pos_++;
        return digit_set ((DigitSet) (1u << (c - '0')), out);
      }
    return false;
  }
};

typedef std::vector<int> StateSet;        /* sorted */

class Checker
{
public:
  explicit Checker (const Automaton &automaton) : automaton_ (automaton) {}

  StateSet
  closure (StateSet set) const
  {
    std::vector<bool> seen (automaton_.states.size ());
    std::vector<int> todo (set);

    set.clear ();
    while (!todo.empty ())
      {
        int state = todo.back ();

        todo.pop_back ();
        if (seen[state])
          continue;
        seen[state] = true;
        set.push_back (state);
        for (int next : automaton_.states[state].empty)
          todo.push_back (next);
      }
    std::sort (set.begin (), set.end ());
    return set;
  }

  StateSet
  step (const StateSet &set,
        guint           digit) const
  {
    StateSet next;

    for (int state : set)
      if (automaton_.states[state].on & (1u << digit))
        next.push_back (automaton_.states[state].next);
    return closure (next);
  }

  /* Every set reachable from these by n more digits; FALSE if too many. */
  bool
  advance (std::set<StateSet> *sets,
           guint               n) const
  {
    for (guint i = 0; i < n; i++)
      {
        std::set<StateSet> next;

        for (const StateSet &set : *sets)
          for (guint digit = 0; digit < 10; digit++)
            next.insert (step (set, digit));
        if (next.size () > kMaxStateSets)
          return false;
        sets->swap (next);
      }
    return true;
  }

private:
  const Automaton &automaton_;
};

/* ---- The cache ------------------------------------------------------------ */

/* Two bits a prefix: known, and valid. */
struct PrefixCache
{
  bool                                 decided = false;
  std::unique_ptr<std::atomic<guint32>[]> words;
};

std::mutex caches_lock;
std::map<std::string, std::unique_ptr<PrefixCache>> caches;

const PhoneMetadataCollection *
metadata_collection ()
{
  static const PhoneMetadataCollection *collection = [] {
    auto *parsed = new PhoneMetadataCollection ();

    if (!parsed->ParseFromArray (i18n::phonenumbers::metadata_get (),
                                 i18n::phonenumbers::metadata_size ()))
      parsed->Clear ();
    return parsed;
  } ();
  return collection;
}

/* Every description IsValidNumberForRegion() may consult, and more. */
bool
region_is_decided (const std::string &region)
{
  for (const PhoneMetadata &metadata : metadata_collection ()->metadata ())
    {
      if (metadata.id () != region)
        continue;
      if (metadata.country_code () != 1)
        return false;
      const PhoneNumberDesc *descs[] = {
        &metadata.general_desc (), &metadata.fixed_line (), &metadata.mobile (),
        &metadata.toll_free (), &metadata.premium_rate (), &metadata.shared_cost (),
        &metadata.personal_number (), &metadata.voip (), &metadata.pager (),
        &metadata.uan (), &metadata.voicemail (), &metadata.no_international_dialling (),
      };
      for (const PhoneNumberDesc *desc : descs)
        /* An empty pattern never matches (RegexBasedMatcher). */
        if (!desc->national_number_pattern ().empty () &&
            !tb_phone_pattern_is_decided_by_prefix (desc->national_number_pattern ().c_str (),
                                                   kDecidingDigits, kNumberDigits))
          return false;
      return true;
    }
  return false;
}

PrefixCache *
cache_for_region (const char *region)
{
  thread_local std::string last_region;
  thread_local PrefixCache *last_cache = nullptr;

  if (last_cache != nullptr && last_region == region)
    return last_cache;

  std::lock_guard<std::mutex> hold (caches_lock);
  std::unique_ptr<PrefixCache> &cache = caches[region];
  if (!cache)
    {
      cache.reset (new PrefixCache ());
      cache->decided = region_is_decided (region);
      if (cache->decided)
        cache->words.reset (new std::atomic<guint32>[kPrefixes / 16] ());
    }
  last_region = region;
  last_cache = cache.get ();
  return last_cache;
}

}  /* namespace */

/* ---- Private API ---------------------------------------------------------- */

gboolean
tb_phone_pattern_is_decided_by_prefix (const char *pattern,
                                       guint       n_prefix,
                                       guint       n_digits)
{
  Automaton automaton;
  Fragment whole;
  std::string text (pattern);
  PatternParser parser (text, automaton);

  g_return_val_if_fail (n_prefix <= n_digits, FALSE);

  try
    {
      if (!parser.parse (&whole))
        return FALSE;

      Checker checker (automaton);
      std::set<StateSet> after_prefix = { checker.closure ({ whole.start }) };

      if (!checker.advance (&after_prefix, n_prefix))
        return FALSE;
      for (const StateSet &set : after_prefix)
        {
          std::set<StateSet> ends = { set };
          guint accepting = 0;

          if (!checker.advance (&ends, n_digits - n_prefix))
            return FALSE;
          for (const StateSet &end : ends)
            if (std::binary_search (end.begin (), end.end (), whole.end))
              accepting++;
          if (accepting != 0 && accepting != ends.size ())
            return FALSE;
        }
      return TRUE;
    }
  catch (...)
    {
      return FALSE;
    }
}

gboolean
tb_phone_region_is_decided_by_prefix (const char *region)
{
  g_return_val_if_fail (region != NULL, FALSE);

  try
    {
      return cache_for_region (region)->decided;
    }
  catch (...)
    {
      return FALSE;
    }
}

int
tb_phone_prefix_lookup (const char *region,
                        guint64     national_number)
{
  PrefixCache *cache;
  guint prefix = (guint) (national_number / 10000u);
  guint32 bits;

  if (national_number < 1000000000u || national_number > 9999999999u)
    return -1;
  cache = cache_for_region (region);
  if (!cache->decided)
    return -1;
  bits = cache->words[prefix / 16].load (std::memory_order_relaxed) >> (2 * (prefix % 16));
  return (bits & 1) != 0 ? (int) ((bits >> 1) & 1) : -1;
}

void
tb_phone_prefix_store (const char *region,
                       guint64     national_number,
                       gboolean    valid)
{
  PrefixCache *cache;
  guint prefix = (guint) (national_number / 10000u);

  if (national_number < 1000000000u || national_number > 9999999999u)
    return;
  cache = cache_for_region (region);
  if (!cache->decided)
    return;
  cache->words[prefix / 16].fetch_or ((guint32) (valid ? 3u : 1u) << (2 * (prefix % 16)),
                                      std::memory_order_relaxed);
}

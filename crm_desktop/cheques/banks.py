"""The Iranian banks a cheque can be drawn on (no Qt, no SQL).

``BANKS`` seeds the ``banks`` table (migration 4); the operator may rename a bank, hide one that
is no longer in use (merged banks stay for old cheques) or add one; the table is the list the app
offers. Keys are short stable ASCII names: a cheque stores the key, so renaming a bank changes
every cheque's bank name at once. Banks the operator adds get keys ``user1``, ``user2``, …

Merged banks (1402–1403: Ansar, Ghavamin, Hekmat Iranian, Kosar and Mehr Eqtesad were merged
into Sepah; Tose'e Ta'avon into Post Bank was planned but not done) are kept here, because
their cheque leaves were still in circulation: the operator hides them when they stop appearing.
"""

from __future__ import annotations

from dataclasses import dataclass

# (key, Persian name) in the order the list shows them: the big state banks first, then the
# private banks, then the Qarz al-Hasaneh banks and the merged ones.
BANKS: tuple[tuple[str, str], ...] = (
    ("melli", "ملی"),
    ("sepah", "سپه"),
    ("mellat", "ملت"),
    ("tejarat", "تجارت"),
    ("saderat", "صادرات"),
    ("keshavarzi", "کشاورزی"),
    ("maskan", "مسکن"),
    ("refah", "رفاه کارگران"),
    ("postbank", "پست بانک"),
    ("edbi", "توسعه صادرات"),
    ("bim", "صنعت و معدن"),
    ("eghtesad_novin", "اقتصاد نوین"),
    ("parsian", "پارسیان"),
    ("pasargad", "پاسارگاد"),
    ("saman", "سامان"),
    ("sina", "سینا"),
    ("karafarin", "کارآفرین"),
    ("middle_east", "خاورمیانه"),
    ("shahr", "شهر"),
    ("day", "دی"),
    ("ayandeh", "آینده"),
    ("gardeshgari", "گردشگری"),
    ("iran_zamin", "ایران زمین"),
    ("sarmayeh", "سرمایه"),
    ("mehr_iran", "قرض‌الحسنه مهر ایران"),
    ("resalat", "قرض‌الحسنه رسالت"),
    ("tosee_taavon", "توسعه تعاون"),
    ("iran_venezuela", "ایران و ونزوئلا"),
    ("melal", "ملل"),
    ("hekmat", "حکمت ایرانیان"),
    ("ansar", "انصار"),
    ("ghavamin", "قوامین"),
    ("kosar", "کوثر"),
    ("mehr_eqtesad", "مهر اقتصاد"),
    ("noor", "نور"),
)

NAMES = dict(BANKS)


@dataclass
class Bank:
    key: str
    name: str
    position: int = 0
    hidden: bool = False
    cheques: int = 0  # how many cheques name it (filled by Cheques.banks())

"""The cheque status machine: every step allowed or refused, each refusal with its Persian reason.

The allowed steps, written out by hand (cheques/status.py draws them):
received: in_hand → deposited | spent | returned; deposited → cleared | bounced;
          bounced → deposited (presented again) | returned; cleared, spent, returned: final.
paid:     issued → cleared | bounced | void; bounced → cleared | void; cleared, void: final.
"""

import itertools

import pytest

from crm_desktop.cheques import status as st
from crm_desktop.errors import UserError, ValidationError

ALLOWED = {
    ("received", "in_hand", "deposited"), ("received", "in_hand", "spent"), ("received", "in_hand", "returned"),
    ("received", "deposited", "cleared"), ("received", "deposited", "bounced"),
    ("received", "bounced", "deposited"), ("received", "bounced", "returned"),
    ("paid", "issued", "cleared"), ("paid", "issued", "bounced"), ("paid", "issued", "void"),
    ("paid", "bounced", "cleared"), ("paid", "bounced", "void"),
}
RECEIVED = ("in_hand", "deposited", "cleared", "bounced", "spent", "returned")
PAID = ("issued", "cleared", "bounced", "void")


def all_pairs():
    for direction, statuses in (("received", RECEIVED), ("paid", PAID)):
        for current, new in itertools.product(statuses, statuses):
            yield direction, current, new


def test_labels_are_the_persian_names_of_the_issue():
    assert [st.label("received", s) for s in RECEIVED] == [
        "نزد صندوق", "واگذار شده به بانک", "وصول شده", "برگشت خورده", "خرج شده", "عودت به صاحب چک"]
    assert [st.label("paid", s) for s in PAID] == ["صادر شده", "پاس شده", "برگشت خورده", "باطل"]
    assert st.label("received", "deposited", long=True) == "واگذار شده به بانک / در جریان وصول"
    assert st.INITIAL == {"received": "in_hand", "paid": "issued"}


@pytest.mark.parametrize("direction,current,new", sorted(all_pairs()))
def test_every_step_is_allowed_or_refused_with_a_reason(direction, current, new):
    if (direction, current, new) in ALLOWED:
        st.check_transition(direction, current, new)
        assert new in st.allowed_next(direction, current)
        return
    assert new not in st.allowed_next(direction, current)
    with pytest.raises(UserError) as caught:
        st.check_transition(direction, current, new)
    if new == current:
        assert caught.value.fa == f"این چک هم‌اکنون «{st.label(direction, new)}» است."
    else:
        assert caught.value.fa.startswith("چکی که ") and " را نمی‌توان " in caught.value.fa


def test_allowed_next_in_the_order_offered():
    assert st.allowed_next("received", "in_hand") == ("deposited", "spent", "returned")
    assert st.allowed_next("received", "deposited") == ("cleared", "bounced")
    assert st.allowed_next("received", "bounced") == ("deposited", "returned")
    assert st.allowed_next("paid", "issued") == ("cleared", "bounced", "void")
    assert st.allowed_next("paid", "bounced") == ("cleared", "void")
    for direction, final in (("received", "cleared"), ("received", "spent"), ("received", "returned"),
                             ("paid", "cleared"), ("paid", "void")):
        assert st.allowed_next(direction, final) == () and st.is_final(direction, final)


def refusal(direction, current, new) -> str:
    with pytest.raises(UserError) as caught:
        st.check_transition(direction, current, new)
    return caught.value.fa


def test_the_reasons_read_as_sentences():
    assert refusal("received", "cleared", "deposited") == (
        "چکی که وصول شده را نمی‌توان به بانک واگذار کرد. "
        "«وصول شده» وضعیت پایانی است؛ اگر اشتباه ثبت شده، آخرین مرحله را برگردانید.")
    assert refusal("received", "in_hand", "cleared") == (
        "چکی که نزد صندوق است را نمی‌توان وصول‌شده ثبت کرد. از این وضعیت فقط این مرحله‌ها ممکن است: "
        "«واگذار شده به بانک»، «خرج شده»، «عودت به صاحب چک».")
    assert refusal("received", "deposited", "spent") == (
        "چکی که به بانک واگذار شده را نمی‌توان خرج کرد. از این وضعیت فقط این مرحله‌ها ممکن است: "
        "«وصول شده»، «برگشت خورده».")
    assert refusal("received", "spent", "returned").startswith("چکی که خرج شده را نمی‌توان به صاحبش عودت داد.")
    assert refusal("paid", "void", "cleared").startswith("چکی که باطل شده را نمی‌توان پاس‌شده ثبت کرد.")
    assert refusal("paid", "cleared", "bounced").startswith("چکی که پاس شده را نمی‌توان برگشتی ثبت کرد.")
    assert refusal("paid", "bounced", "issued").startswith("چکی که برگشت خورده را نمی‌توان دوباره صادرشده ثبت کرد.")
    assert refusal("received", "deposited", "deposited") == "این چک هم‌اکنون «واگذار شده به بانک» است."


def test_a_status_of_the_other_direction_is_refused_as_a_field_error():
    with pytest.raises(ValidationError) as caught:
        st.check_transition("paid", "issued", "spent")
    assert caught.value.fa.startswith("وضعیت: چک پرداختی وضعیت «خرج شده» ندارد")
    with pytest.raises(ValidationError):
        st.check_transition("received", "in_hand", "void")
    with pytest.raises(ValidationError):
        st.allowed_next("sideways", "in_hand")


def test_what_each_step_needs_and_which_cheques_still_wait():
    assert st.needs("received", "deposited") == ("account",)
    assert st.needs("received", "bounced") == ("reason",) == st.needs("paid", "bounced")
    assert st.needs("received", "spent") == ("contact",)
    assert st.needs("received", "returned") == () == st.needs("paid", "void")
    assert [s for s in RECEIVED if st.is_pending("received", s)] == ["in_hand", "deposited"]
    assert [s for s in PAID if st.is_pending("paid", s)] == ["issued"]

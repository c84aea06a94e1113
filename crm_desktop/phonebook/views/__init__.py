"""The phonebook's dialogs (Qt): the contact form, its notes log, the group and custom-field
managers and the import wizard. The phonebook tab opens them; see each module's docstring.

    ContactDialog(office, contact_id=None, parent, prefill=Contact | None).exec()  # .saved(int)
    GroupsDialog(office, parent).exec()
    FieldsDialog(office, parent).exec()
    ImportWizard(office, parent, path=None).exec()
"""

from __future__ import annotations

__all__ = ["ContactDialog", "NotesWidget", "GroupsDialog", "FieldsDialog", "ImportWizard"]


def __getattr__(name):  # lazy: importing the package must not build every dialog module
    modules = {
        "ContactDialog": "contact_dialog",
        "NotesWidget": "notes_widget",
        "GroupsDialog": "groups_dialog",
        "FieldsDialog": "fields_dialog",
        "ImportWizard": "import_wizard",
    }
    if name in modules:
        import importlib

        return getattr(importlib.import_module(f"{__name__}.{modules[name]}"), name)
    raise AttributeError(name)

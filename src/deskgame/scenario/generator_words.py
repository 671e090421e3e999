"""The names a generated scenario draws from: services and their titles, departments, people, devices.

Data, not logic: kept apart from ``generator`` so the generator reads as the rules it
follows, and so these lists can grow without touching them.
"""

from __future__ import annotations

# Skill -> (service name, incident titles).  "accounts" and "devices" are on every desk.
SKILLS: dict[str, tuple[str, tuple[str, ...]]] = {
    "accounts": ("Logins and accounts", ("Locked out after the weekend", "Password expired again")),
    "devices": ("Laptops and phones", ("Laptop will not start", "Docking station shows nothing")),
    "email": ("Email and calendar", ("Mail will not send", "Calendar invites vanish")),
    "orders": ("Order entry", ("Order screen times out", "Prices missing on the order form")),
    "network": ("Network and VPN", ("VPN drops every ten minutes", "No network in meeting room 3")),
    "printing": ("Printing", ("Printer jams on every job", "Scans never arrive")),
    "payroll": ("Payroll", ("Overtime missing from the payslip", "Cannot approve timesheets")),
    "crm": ("Customer records", ("Customer history is empty", "Cannot save a new contact")),
    "telephony": ("Telephones", ("Headset has no sound", "Calls drop after a minute")),
    "claims": ("Claims system", ("Claim form will not submit", "Attachments fail to upload")),
    "web": ("Web shop", ("Checkout page errors", "Product photos missing")),
    "files": ("File shares", ("Shared drive is read-only", "Lost a folder overnight")),
}
DESK_SKILLS = ("accounts", "devices", "email", "printing", "telephony", "files")
DEPARTMENTS = ("Sales", "Finance", "Operations", "HR", "Legal", "Marketing", "Warehouse", "Claims",
               "Board", "Research", "Logistics", "Procurement")
AGENTS = ("Asha", "Ben", "Chen", "Dara", "Eli", "Fatima", "Gus", "Hana", "Ivo", "Jon", "Kemi", "Lin",
          "Marco", "Nia", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tara", "Uma", "Vik", "Wen", "Yara")
DEVICES = ("foldable phone", "e-ink tablet", "smart ring app", "gaming laptop", "home mesh wifi",
           "note-taking app", "video-call app", "smartwatch", "budget tablet", "mail app from the store")

"""UAT exit evidence: Allure labels, run metadata, failure categories and the GO / NO-GO exit report."""

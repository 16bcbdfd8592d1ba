# Overrides the contributed hook, which collects every lxml submodule (lxml.html, objectify,
# isoschematron with its schema files, ...): python-docx and openpyxl use lxml.etree only.
hiddenimports = ["lxml.etree", "lxml._elementpath"]

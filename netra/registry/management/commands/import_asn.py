from ._importing import ImportCommand


class Command(ImportCommand):
    help = "Impor ASN dari berkas CSV/XLSX (per NIP: baru dibuat, yang ada diperbarui)."
    kind = "asn"

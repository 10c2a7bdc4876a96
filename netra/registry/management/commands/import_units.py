from ._importing import ImportCommand


class Command(ImportCommand):
    help = "Impor unit kerja dari berkas CSV/XLSX (per kode: baru dibuat, yang ada diperbarui)."
    kind = "unit"

<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="id_ID" sourcelanguage="en">
  <context>
    <name>QPlatformTheme</name>
    <message>
      <source>OK</source>
      <translation>OK</translation>
    </message>
    <message>
      <source>&amp;OK</source>
      <translation>&amp;OK</translation>
    </message>
    <message>
      <source>Save</source>
      <translation>Simpan</translation>
    </message>
    <message>
      <source>&amp;Save</source>
      <translation>&amp;Simpan</translation>
    </message>
    <message>
      <source>Save All</source>
      <translation>Simpan semua</translation>
    </message>
    <message>
      <source>Open</source>
      <translation>Buka</translation>
    </message>
    <message>
      <source>&amp;Yes</source>
      <translation>&amp;Ya</translation>
    </message>
    <message>
      <source>Yes to &amp;All</source>
      <translation>Ya untuk &amp;semua</translation>
    </message>
    <message>
      <source>&amp;No</source>
      <translation>&amp;Tidak</translation>
    </message>
    <message>
      <source>N&amp;o to All</source>
      <translation>T&amp;idak untuk semua</translation>
    </message>
    <message>
      <source>Abort</source>
      <translation>Hentikan</translation>
    </message>
    <message>
      <source>Retry</source>
      <translation>Coba lagi</translation>
    </message>
    <message>
      <source>Ignore</source>
      <translation>Abaikan</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>Tutup</translation>
    </message>
    <message>
      <source>&amp;Close</source>
      <translation>&amp;Tutup</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Batal</translation>
    </message>
    <message>
      <source>&amp;Cancel</source>
      <translation>&amp;Batal</translation>
    </message>
    <message>
      <source>Discard</source>
      <translation>Buang</translation>
    </message>
    <message>
      <source>Help</source>
      <translation>Bantuan</translation>
    </message>
    <message>
      <source>Apply</source>
      <translation>Terapkan</translation>
    </message>
    <message>
      <source>Reset</source>
      <translation>Atur ulang</translation>
    </message>
    <message>
      <source>Restore Defaults</source>
      <translation>Kembalikan bawaan</translation>
    </message>
    <message>
      <source>Close without Saving</source>
      <translation>Tutup tanpa menyimpan</translation>
    </message>
    <message>
      <source>Don't Save</source>
      <translation>Jangan simpan</translation>
    </message>
  </context>
  <context>
    <name>QGnomeTheme</name>
    <message>
      <source>OK</source>
      <translation>OK</translation>
    </message>
    <message>
      <source>&amp;OK</source>
      <translation>&amp;OK</translation>
    </message>
    <message>
      <source>Save</source>
      <translation>Simpan</translation>
    </message>
    <message>
      <source>&amp;Save</source>
      <translation>&amp;Simpan</translation>
    </message>
    <message>
      <source>Save All</source>
      <translation>Simpan semua</translation>
    </message>
    <message>
      <source>Open</source>
      <translation>Buka</translation>
    </message>
    <message>
      <source>&amp;Yes</source>
      <translation>&amp;Ya</translation>
    </message>
    <message>
      <source>Yes to &amp;All</source>
      <translation>Ya untuk &amp;semua</translation>
    </message>
    <message>
      <source>&amp;No</source>
      <translation>&amp;Tidak</translation>
    </message>
    <message>
      <source>N&amp;o to All</source>
      <translation>T&amp;idak untuk semua</translation>
    </message>
    <message>
      <source>Abort</source>
      <translation>Hentikan</translation>
    </message>
    <message>
      <source>Retry</source>
      <translation>Coba lagi</translation>
    </message>
    <message>
      <source>Ignore</source>
      <translation>Abaikan</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>Tutup</translation>
    </message>
    <message>
      <source>&amp;Close</source>
      <translation>&amp;Tutup</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Batal</translation>
    </message>
    <message>
      <source>&amp;Cancel</source>
      <translation>&amp;Batal</translation>
    </message>
    <message>
      <source>Discard</source>
      <translation>Buang</translation>
    </message>
    <message>
      <source>Help</source>
      <translation>Bantuan</translation>
    </message>
    <message>
      <source>Apply</source>
      <translation>Terapkan</translation>
    </message>
    <message>
      <source>Reset</source>
      <translation>Atur ulang</translation>
    </message>
    <message>
      <source>Restore Defaults</source>
      <translation>Kembalikan bawaan</translation>
    </message>
    <message>
      <source>Close without Saving</source>
      <translation>Tutup tanpa menyimpan</translation>
    </message>
    <message>
      <source>Don't Save</source>
      <translation>Jangan simpan</translation>
    </message>
  </context>
  <context>
    <name>QDialogButtonBox</name>
    <message>
      <source>OK</source>
      <translation>OK</translation>
    </message>
    <message>
      <source>&amp;OK</source>
      <translation>&amp;OK</translation>
    </message>
    <message>
      <source>Save</source>
      <translation>Simpan</translation>
    </message>
    <message>
      <source>&amp;Save</source>
      <translation>&amp;Simpan</translation>
    </message>
    <message>
      <source>Save All</source>
      <translation>Simpan semua</translation>
    </message>
    <message>
      <source>Open</source>
      <translation>Buka</translation>
    </message>
    <message>
      <source>&amp;Yes</source>
      <translation>&amp;Ya</translation>
    </message>
    <message>
      <source>Yes to &amp;All</source>
      <translation>Ya untuk &amp;semua</translation>
    </message>
    <message>
      <source>&amp;No</source>
      <translation>&amp;Tidak</translation>
    </message>
    <message>
      <source>N&amp;o to All</source>
      <translation>T&amp;idak untuk semua</translation>
    </message>
    <message>
      <source>Abort</source>
      <translation>Hentikan</translation>
    </message>
    <message>
      <source>Retry</source>
      <translation>Coba lagi</translation>
    </message>
    <message>
      <source>Ignore</source>
      <translation>Abaikan</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>Tutup</translation>
    </message>
    <message>
      <source>&amp;Close</source>
      <translation>&amp;Tutup</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Batal</translation>
    </message>
    <message>
      <source>&amp;Cancel</source>
      <translation>&amp;Batal</translation>
    </message>
    <message>
      <source>Discard</source>
      <translation>Buang</translation>
    </message>
    <message>
      <source>Help</source>
      <translation>Bantuan</translation>
    </message>
    <message>
      <source>Apply</source>
      <translation>Terapkan</translation>
    </message>
    <message>
      <source>Reset</source>
      <translation>Atur ulang</translation>
    </message>
    <message>
      <source>Restore Defaults</source>
      <translation>Kembalikan bawaan</translation>
    </message>
    <message>
      <source>Close without Saving</source>
      <translation>Tutup tanpa menyimpan</translation>
    </message>
    <message>
      <source>Don't Save</source>
      <translation>Jangan simpan</translation>
    </message>
  </context>
  <context>
    <name>QMessageBox</name>
    <message>
      <source>Show Details...</source>
      <translation>Tampilkan rincian ...</translation>
    </message>
    <message>
      <source>Hide Details...</source>
      <translation>Sembunyikan rincian ...</translation>
    </message>
    <message>
      <source>OK</source>
      <translation>OK</translation>
    </message>
  </context>
  <context>
    <name>QLineEdit</name>
    <message>
      <source>&amp;Undo</source>
      <translation>&amp;Batalkan</translation>
    </message>
    <message>
      <source>&amp;Redo</source>
      <translation>&amp;Ulangi</translation>
    </message>
    <message>
      <source>Cu&amp;t</source>
      <translation>Po&amp;tong</translation>
    </message>
    <message>
      <source>&amp;Copy</source>
      <translation>&amp;Salin</translation>
    </message>
    <message>
      <source>&amp;Paste</source>
      <translation>&amp;Tempel</translation>
    </message>
    <message>
      <source>Delete</source>
      <translation>Hapus</translation>
    </message>
    <message>
      <source>Select All</source>
      <translation>Pilih semua</translation>
    </message>
  </context>
  <context>
    <name>QWidgetTextControl</name>
    <message>
      <source>&amp;Undo</source>
      <translation>&amp;Batalkan</translation>
    </message>
    <message>
      <source>&amp;Redo</source>
      <translation>&amp;Ulangi</translation>
    </message>
    <message>
      <source>Cu&amp;t</source>
      <translation>Po&amp;tong</translation>
    </message>
    <message>
      <source>&amp;Copy</source>
      <translation>&amp;Salin</translation>
    </message>
    <message>
      <source>Copy &amp;Link Location</source>
      <translation>Salin &amp;alamat tautan</translation>
    </message>
    <message>
      <source>&amp;Paste</source>
      <translation>&amp;Tempel</translation>
    </message>
    <message>
      <source>Delete</source>
      <translation>Hapus</translation>
    </message>
    <message>
      <source>Select All</source>
      <translation>Pilih semua</translation>
    </message>
  </context>
  <context>
    <name>QPrintDialog</name>
    <message>
      <source>Print</source>
      <translation>Cetak</translation>
    </message>
    <message>
      <source>&amp;Print</source>
      <translation>&amp;Cetak</translation>
    </message>
    <message>
      <source>&amp;Options &gt;&gt;</source>
      <translation>&amp;Pilihan &gt;&gt;</translation>
    </message>
    <message>
      <source>&amp;Options &lt;&lt;</source>
      <translation>&amp;Pilihan &lt;&lt;</translation>
    </message>
    <message>
      <source>Print to File (PDF)</source>
      <translation>Cetak ke berkas (PDF)</translation>
    </message>
    <message>
      <source>Local file</source>
      <translation>Berkas lokal</translation>
    </message>
    <message>
      <source>Write PDF file</source>
      <translation>Tulis berkas PDF</translation>
    </message>
    <message>
      <source>All Pages</source>
      <translation>Semua halaman</translation>
    </message>
    <message>
      <source>Odd Pages</source>
      <translation>Halaman ganjil</translation>
    </message>
    <message>
      <source>Even Pages</source>
      <translation>Halaman genap</translation>
    </message>
    <message>
      <source>Print To File ...</source>
      <translation>Cetak ke berkas ...</translation>
    </message>
    <message>
      <source>File %1 is not writable.
Please choose a different file name.</source>
      <translation>Berkas %1 tidak bisa ditulis.
Pilih nama berkas lain.</translation>
    </message>
    <message>
      <source>%1 already exists.
Do you want to overwrite it?</source>
      <translation>%1 sudah ada.
Timpa?</translation>
    </message>
  </context>
  <context>
    <name>QPrintWidget</name>
    <message>
      <source>Printer</source>
      <translation>Printer</translation>
    </message>
    <message>
      <source>&amp;Name:</source>
      <translation>&amp;Nama:</translation>
    </message>
    <message>
      <source>P&amp;roperties</source>
      <translation>P&amp;roperti</translation>
    </message>
    <message>
      <source>Location:</source>
      <translation>Lokasi:</translation>
    </message>
    <message>
      <source>Preview</source>
      <translation>Pratinjau</translation>
    </message>
    <message>
      <source>Type:</source>
      <translation>Jenis:</translation>
    </message>
    <message>
      <source>Output &amp;file:</source>
      <translation>&amp;Berkas keluaran:</translation>
    </message>
    <message>
      <source>...</source>
      <translation>...</translation>
    </message>
  </context>
  <context>
    <name>QPrintSettingsOutput</name>
    <message>
      <source>Copies</source>
      <translation>Salinan</translation>
    </message>
    <message>
      <source>Print range</source>
      <translation>Rentang cetak</translation>
    </message>
    <message>
      <source>Print all</source>
      <translation>Cetak semua</translation>
    </message>
    <message>
      <source>Pages from</source>
      <translation>Halaman dari</translation>
    </message>
    <message>
      <source>to</source>
      <translation>sampai</translation>
    </message>
    <message>
      <source>Pages</source>
      <translation>Halaman</translation>
    </message>
    <message>
      <source>Current Page</source>
      <translation>Halaman ini</translation>
    </message>
    <message>
      <source>Selection</source>
      <translation>Pilihan</translation>
    </message>
    <message>
      <source>Page Set:</source>
      <translation>Set halaman:</translation>
    </message>
    <message>
      <source>Output Settings</source>
      <translation>Pengaturan keluaran</translation>
    </message>
    <message>
      <source>Copies:</source>
      <translation>Salinan:</translation>
    </message>
    <message>
      <source>Collate</source>
      <translation>Susun</translation>
    </message>
    <message>
      <source>Reverse</source>
      <translation>Terbalik</translation>
    </message>
    <message>
      <source>Options</source>
      <translation>Pilihan</translation>
    </message>
    <message>
      <source>Color Mode</source>
      <translation>Mode warna</translation>
    </message>
    <message>
      <source>Color</source>
      <translation>Berwarna</translation>
    </message>
    <message>
      <source>Grayscale</source>
      <translation>Hitam putih</translation>
    </message>
    <message>
      <source>Double Sided Printing</source>
      <translation>Cetak bolak-balik</translation>
    </message>
    <message>
      <source>Off</source>
      <translation>Tidak</translation>
    </message>
    <message>
      <source>Long side binding</source>
      <translation>Jilid sisi panjang</translation>
    </message>
    <message>
      <source>Short side binding</source>
      <translation>Jilid sisi pendek</translation>
    </message>
  </context>
  <context>
    <name>QPrintPropertiesDialog</name>
    <message>
      <source>Printer Properties</source>
      <translation>Properti printer</translation>
    </message>
    <message>
      <source>Job Options</source>
      <translation>Pilihan pekerjaan</translation>
    </message>
  </context>
  <context>
    <name>QPageSetupWidget</name>
    <message>
      <source>Paper</source>
      <translation>Kertas</translation>
    </message>
    <message>
      <source>Page size:</source>
      <translation>Ukuran halaman:</translation>
    </message>
    <message>
      <source>Width:</source>
      <translation>Lebar:</translation>
    </message>
    <message>
      <source>Height:</source>
      <translation>Tinggi:</translation>
    </message>
    <message>
      <source>Paper source:</source>
      <translation>Sumber kertas:</translation>
    </message>
    <message>
      <source>Orientation</source>
      <translation>Orientasi</translation>
    </message>
    <message>
      <source>Portrait</source>
      <translation>Tegak</translation>
    </message>
    <message>
      <source>Landscape</source>
      <translation>Mendatar</translation>
    </message>
    <message>
      <source>Margins</source>
      <translation>Margin</translation>
    </message>
    <message>
      <source>top margin</source>
      <translation>margin atas</translation>
    </message>
    <message>
      <source>left margin</source>
      <translation>margin kiri</translation>
    </message>
    <message>
      <source>right margin</source>
      <translation>margin kanan</translation>
    </message>
    <message>
      <source>bottom margin</source>
      <translation>margin bawah</translation>
    </message>
    <message>
      <source>Custom</source>
      <translation>Khusus</translation>
    </message>
  </context>
  <context>
    <name>QFileDialog</name>
    <message>
      <source>Save As</source>
      <translation>Simpan sebagai</translation>
    </message>
    <message>
      <source>Open</source>
      <translation>Buka</translation>
    </message>
    <message>
      <source>&amp;Save</source>
      <translation>&amp;Simpan</translation>
    </message>
    <message>
      <source>&amp;Open</source>
      <translation>&amp;Buka</translation>
    </message>
    <message>
      <source>&amp;Choose</source>
      <translation>&amp;Pilih</translation>
    </message>
    <message>
      <source>File &amp;name:</source>
      <translation>&amp;Nama berkas:</translation>
    </message>
    <message>
      <source>Look in:</source>
      <translation>Lihat di:</translation>
    </message>
    <message>
      <source>&amp;Look in:</source>
      <translation>&amp;Lihat di:</translation>
    </message>
    <message>
      <source>Files of type:</source>
      <translation>Jenis berkas:</translation>
    </message>
    <message>
      <source>Files of &amp;type:</source>
      <translation>&amp;Jenis berkas:</translation>
    </message>
    <message>
      <source>Directory:</source>
      <translation>Folder:</translation>
    </message>
    <message>
      <source>Create New Folder</source>
      <translation>Buat folder baru</translation>
    </message>
    <message>
      <source>Back</source>
      <translation>Kembali</translation>
    </message>
    <message>
      <source>Forward</source>
      <translation>Maju</translation>
    </message>
    <message>
      <source>Parent Directory</source>
      <translation>Folder induk</translation>
    </message>
    <message>
      <source>List View</source>
      <translation>Tampilan daftar</translation>
    </message>
    <message>
      <source>Detail View</source>
      <translation>Tampilan rinci</translation>
    </message>
    <message>
      <source>All Files (*)</source>
      <translation>Semua berkas (*)</translation>
    </message>
    <message>
      <source>%1 already exists.
Do you want to replace it?</source>
      <translation>%1 sudah ada.
Ganti?</translation>
    </message>
  </context>
  <context>
    <name>QFileSystemModel</name>
    <message>
      <source>Name</source>
      <translation>Nama</translation>
    </message>
    <message>
      <source>Size</source>
      <translation>Ukuran</translation>
    </message>
    <message>
      <source>Date Modified</source>
      <translation>Diubah</translation>
    </message>
    <message>
      <source>Computer</source>
      <translation>Komputer</translation>
    </message>
    <message>
      <source>Folder</source>
      <translation>Folder</translation>
    </message>
    <message>
      <source>Type</source>
      <comment>All other platforms</comment>
      <translation>Jenis</translation>
    </message>
  </context>
  <context>
    <name>QCalendarWidget</name>
    <message>
      <source>Previous Month</source>
      <translation>Bulan sebelumnya</translation>
    </message>
    <message>
      <source>Next Month</source>
      <translation>Bulan berikutnya</translation>
    </message>
    <message>
      <source>Today</source>
      <translation>Hari ini</translation>
    </message>
  </context>
  <context>
    <name>QShortcut</name>
    <message>
      <source>Ctrl</source>
      <translation>Ctrl</translation>
    </message>
    <message>
      <source>Shift</source>
      <translation>Shift</translation>
    </message>
    <message>
      <source>Alt</source>
      <translation>Alt</translation>
    </message>
    <message>
      <source>Return</source>
      <translation>Enter</translation>
    </message>
    <message>
      <source>Enter</source>
      <translation>Enter</translation>
    </message>
  </context>
</TS>
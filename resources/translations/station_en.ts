<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
<context>
    <name>BiodataPage</name>
    <message>
        <location filename="../../station/ui/biodata_page.py" line="74" />
        <source>Tanggal lahir</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location filename="../../station/ui/biodata_page.py" line="95" />
        <source>Saya sudah memeriksa peringatan di atas dengan dokumen warga</source>
        <translation>I checked the warnings above against the citizen's documents</translation>
    </message>
    <message>
        <location filename="../../station/ui/biodata_page.py" line="99" />
        <source>Lanjut ke foto (Ctrl+Enter)</source>
        <translation>On to the photo (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../station/ui/biodata_page.py" line="216" />
        <source>{0} isian perlu diperbaiki</source>
        <translation>{0} fields need fixing</translation>
    </message>
    <message>
        <location filename="../../station/ui/biodata_page.py" line="219" />
        <source>NIK ini sudah ada di stasiun: {0}. Periksa di Rekaman sebelum merekam lagi.</source>
        <translation>This NIK is already on the station: {0}. Check Records before recording again.</translation>
    </message>
</context>
<context>
    <name>FirstStartDialog</name>
    <message>
        <location filename="../../station/ui/login.py" line="52" />
        <source>Mulai pertama</source>
        <translation>First start</translation>
    </message>
    <message>
        <location filename="../../station/ui/login.py" line="54" />
        <source>Atur identitas stasiun sekali saja, lalu buat akun supervisor pertama. Tidak ada kata sandi bawaan.</source>
        <translation>Set the station identity once, then create the first supervisor account. There is no default password.</translation>
    </message>
    <message>
        <location filename="../../station/ui/login.py" line="60" />
        <source>ID stasiun</source>
        <translation>Station ID</translation>
    </message>
    <message>
        <location filename="../../station/ui/login.py" line="61" />
        <source>Kode kecamatan</source>
        <translation>Kecamatan code</translation>
    </message>
    <message>
        <location filename="../../station/ui/login.py" line="62" />
        <source>Nama pengguna supervisor</source>
        <translation>Supervisor user name</translation>
    </message>
    <message>
        <location filename="../../station/ui/login.py" line="63" />
        <source>Kata sandi (min. 8)</source>
        <translation>Password (min. 8)</translation>
    </message>
    <message>
        <location filename="../../station/ui/login.py" line="64" />
        <source>Ulangi kata sandi</source>
        <translation>Repeat password</translation>
    </message>
    <message>
        <location filename="../../station/ui/login.py" line="68" />
        <source>Kedua kata sandi tidak sama.</source>
        <translation>The two passwords differ.</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../station/ui/login.py" line="82" />
        <source>Masuk</source>
        <translation>Log in</translation>
    </message>
    <message>
        <location filename="../../station/ui/login.py" line="82" />
        <source>Stasiun {0} — masuk sebagai operator.</source>
        <translation>Station {0} — log in as an operator.</translation>
    </message>
    <message>
        <location filename="../../station/ui/login.py" line="84" />
        <source>Nama pengguna</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../station/ui/login.py" line="85" />
        <source>Kata sandi</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../station/ui/login.py" line="94" />
        <source>Nama pengguna atau kata sandi salah.</source>
        <translation>Wrong user name or password.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../station/ui/main_window.py" line="29" />
        <source>Antrean</source>
        <translation>Queue</translation>
    </message>
    <message>
        <location filename="../../station/ui/main_window.py" line="30" />
        <source>Biodata</source>
        <translation>Biodata</translation>
    </message>
    <message>
        <location filename="../../station/ui/main_window.py" line="31" />
        <source>Foto</source>
        <translation>Photo</translation>
    </message>
    <message>
        <location filename="../../station/ui/main_window.py" line="32" />
        <source>Tinjau</source>
        <translation>Review</translation>
    </message>
    <message>
        <location filename="../../station/ui/main_window.py" line="33" />
        <source>Rekaman</source>
        <translation>Records</translation>
    </message>
    <message>
        <location filename="../../station/ui/main_window.py" line="47" />
        <source>Perekaman e-KTP — stasiun {0}</source>
        <translation>e-KTP recording — station {0}</translation>
    </message>
    <message>
        <location filename="../../station/ui/main_window.py" line="74" />
        <location filename="../../station/ui/main_window.py" line="234" />
        <source>Kamera: mati</source>
        <translation>Camera: off</translation>
    </message>
    <message>
        <location filename="../../station/ui/main_window.py" line="77" />
        <location filename="../../station/ui/main_window.py" line="145" />
        <source>Operator: {0}</source>
        <translation>Operator: {0}</translation>
    </message>
    <message>
        <location filename="../../station/ui/main_window.py" line="78" />
        <source>Sinkronisasi: memulai</source>
        <translation>Sync: starting</translation>
    </message>
    <message>
        <location filename="../../station/ui/main_window.py" line="88" />
        <source>Pengaturan ...</source>
        <translation>Settings ...</translation>
    </message>
    <message>
        <location filename="../../station/ui/main_window.py" line="91" />
        <source>Tinjauan supervisor ...</source>
        <translation>Supervisor review ...</translation>
    </message>
    <message>
        <location filename="../../station/ui/main_window.py" line="93" />
        <source>Stasiun</source>
        <translation>Station</translation>
    </message>
    <message>
        <location filename="../../station/ui/main_window.py" line="141" />
        <source>Operator: (terkunci)</source>
        <translation>Operator: (locked)</translation>
    </message>
    <message>
        <location filename="../../station/ui/main_window.py" line="143" />
        <source>Terkunci — masuk lagi</source>
        <translation>Locked — log in again</translation>
    </message>
    <message>
        <location filename="../../station/ui/main_window.py" line="168" />
        <source>Sinkronisasi: belum terdaftar</source>
        <translation>Sync: not registered</translation>
    </message>
    <message>
        <location filename="../../station/ui/main_window.py" line="172" />
        <source>Sinkronisasi: daring</source>
        <translation>Sync: online</translation>
    </message>
    <message>
        <location filename="../../station/ui/main_window.py" line="172" />
        <source>Sinkronisasi: luring</source>
        <translation>Sync: offline</translation>
    </message>
    <message>
        <location filename="../../station/ui/main_window.py" line="174" />
        <source>, {0} ditolak pusat</source>
        <translation>, {0} rejected by the centre</translation>
    </message>
    <message>
        <location filename="../../station/ui/main_window.py" line="199" />
        <source>Menunggu kirim: {0}</source>
        <translation>Waiting to send: {0}</translation>
    </message>
    <message>
        <location filename="../../station/ui/main_window.py" line="214" />
        <source>Kamera: menyiapkan</source>
        <translation>Camera: starting</translation>
    </message>
    <message>
        <location filename="../../station/ui/main_window.py" line="223" />
        <source>Kamera: aktif</source>
        <translation>Camera: on</translation>
    </message>
    <message>
        <location filename="../../station/ui/main_window.py" line="243" />
        <source>Kamera: masalah</source>
        <translation>Camera: problem</translation>
    </message>
    <message>
        <location filename="../../station/ui/main_window.py" line="285" />
        <source>Bukti belum tercetak: {0}</source>
        <translation>Receipt not printed: {0}</translation>
    </message>
    <message>
        <location filename="../../station/ui/main_window.py" line="287" />
        <source>Tersimpan: {0} ({1})</source>
        <translation>Saved: {0} ({1})</translation>
    </message>
</context>
<context>
    <name>PhotoPage</name>
    <message>
        <location filename="../../station/ui/photo_page.py" line="160" />
        <source>Foto diambil otomatis saat semua syarat terpenuhi dan warga diam sejenak.</source>
        <translation>The photo is taken automatically once every check passes and the citizen holds still.</translation>
    </message>
    <message>
        <location filename="../../station/ui/photo_page.py" line="162" />
        <source>Ulangi (F5)</source>
        <translation>Retake (F5)</translation>
    </message>
    <message>
        <location filename="../../station/ui/photo_page.py" line="164" />
        <source>Pengecualian ...</source>
        <translation>Exception ...</translation>
    </message>
</context>
<context>
    <name>Preview</name>
    <message>
        <location filename="../../station/ui/photo_page.py" line="62" />
        <source>Menyiapkan kamera ...</source>
        <translation>Starting the camera ...</translation>
    </message>
</context>
<context>
    <name>QueuePage</name>
    <message>
        <location filename="../../station/ui/queue_page.py" line="28" />
        <source>Belum ada yang dipanggil</source>
        <translation>Nobody called yet</translation>
    </message>
    <message>
        <location filename="../../station/ui/queue_page.py" line="33" />
        <source>Ambil nomor baru (F2)</source>
        <translation>New ticket (F2)</translation>
    </message>
    <message>
        <location filename="../../station/ui/queue_page.py" line="34" />
        <source>Panggil berikutnya (F3)</source>
        <translation>Call next (F3)</translation>
    </message>
    <message>
        <location filename="../../station/ui/queue_page.py" line="35" />
        <source>Lewati</source>
        <translation>Skip</translation>
    </message>
    <message>
        <location filename="../../station/ui/queue_page.py" line="36" />
        <source>Panggil ulang</source>
        <translation>Recall</translation>
    </message>
    <message>
        <location filename="../../station/ui/queue_page.py" line="45" />
        <source>Antrean hari ini</source>
        <translation>Today's queue</translation>
    </message>
    <message>
        <location filename="../../station/ui/queue_page.py" line="61" />
        <source>{0} menunggu, kuota {1} per hari</source>
        <translation>{0} waiting, quota {1} a day</translation>
    </message>
    <message>
        <location filename="../../station/ui/queue_page.py" line="66" />
        <source>Nomor {0} untuk hari ini.</source>
        <translation>Ticket {0} for today.</translation>
    </message>
    <message>
        <location filename="../../station/ui/queue_page.py" line="69" />
        <source>Kuota hari ini penuh: nomor {0} untuk {1:%A, %d-%m-%Y}.</source>
        <translation>Today is full: ticket {0} for {1:%A, %d-%m-%Y}.</translation>
    </message>
    <message>
        <location filename="../../station/ui/queue_page.py" line="80" />
        <source>Tidak ada yang menunggu</source>
        <translation>Nobody waiting</translation>
    </message>
    <message>
        <location filename="../../station/ui/queue_page.py" line="82" />
        <source>Dipanggil: {0}</source>
        <translation>Called: {0}</translation>
    </message>
    <message>
        <location filename="../../station/ui/queue_page.py" line="100" />
        <source>Dipanggil ulang: {0}</source>
        <translation>Recalled: {0}</translation>
    </message>
</context>
<context>
    <name>RecordsPage</name>
    <message>
        <location filename="../../station/ui/records_page.py" line="41" />
        <source>Cari NIK atau nama ...</source>
        <translation>Search NIK or name ...</translation>
    </message>
    <message>
        <location filename="../../station/ui/records_page.py" line="44" />
        <source>Waktu</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../station/ui/records_page.py" line="44" />
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <location filename="../../station/ui/records_page.py" line="44" />
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../station/ui/records_page.py" line="44" />
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../station/ui/records_page.py" line="68" />
        <source>Rekaman {0}</source>
        <translation>Record {0}</translation>
    </message>
</context>
<context>
    <name>ReviewDialog</name>
    <message>
        <location filename="../../station/ui/review_dialog.py" line="24" />
        <source>Tinjauan supervisor</source>
        <translation>Supervisor review</translation>
    </message>
    <message>
        <location filename="../../station/ui/review_dialog.py" line="29" />
        <source>Alasan menahan/menolak (dilihat operator)</source>
        <translation>Reason to hold/reject (the operator sees it)</translation>
    </message>
    <message>
        <location filename="../../station/ui/review_dialog.py" line="33" />
        <source>Setujui</source>
        <translation>Approve</translation>
    </message>
    <message>
        <location filename="../../station/ui/review_dialog.py" line="34" />
        <source>Tahan</source>
        <translation>Hold</translation>
    </message>
    <message>
        <location filename="../../station/ui/review_dialog.py" line="35" />
        <source>Tolak</source>
        <translation>Reject</translation>
    </message>
    <message>
        <location filename="../../station/ui/review_dialog.py" line="57" />
        <source>Pilih rekaman dulu.</source>
        <translation>Choose a record first.</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <location filename="../../station/ui/review_page.py" line="61" />
        <source>Terima dan simpan (Ctrl+S)</source>
        <translation>Accept and save (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../station/ui/review_page.py" line="64" />
        <source>Ambil ulang foto</source>
        <translation>Retake the photo</translation>
    </message>
    <message>
        <location filename="../../station/ui/review_page.py" line="81" />
        <source>Dikecualikan: {0}</source>
        <translation>Waived: {0}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../station/ui/settings_dialog.py" line="25" />
        <source>Pengaturan</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../station/ui/settings_dialog.py" line="29" />
        <source>0 = webcam pertama; atau berkas video / folder gambar</source>
        <translation>0 = first webcam; or a video file / image folder</translation>
    </message>
    <message>
        <location filename="../../station/ui/settings_dialog.py" line="30" />
        <source>Pilih ...</source>
        <translation>Choose ...</translation>
    </message>
    <message>
        <location filename="../../station/ui/settings_dialog.py" line="37" />
        <source>Kamera</source>
        <translation>Camera</translation>
    </message>
    <message>
        <location filename="../../station/ui/settings_dialog.py" line="39" />
        <source>Kuota antrean per hari</source>
        <translation>Daily queue quota</translation>
    </message>
    <message>
        <location filename="../../station/ui/settings_dialog.py" line="41" />
        <source>Kunci setelah diam (menit)</source>
        <translation>Lock after idle (minutes)</translation>
    </message>
    <message>
        <location filename="../../station/ui/settings_dialog.py" line="45" />
        <source>Nama kantor</source>
        <translation>Office name</translation>
    </message>
    <message>
        <location filename="../../station/ui/settings_dialog.py" line="46" />
        <source>Alamat kantor</source>
        <translation>Office address</translation>
    </message>
    <message>
        <location filename="../../station/ui/settings_dialog.py" line="57" />
        <source>Video kamera pengganti</source>
        <translation>Stand-in camera video</translation>
    </message>
    <message>
        <location filename="../../station/ui/settings_dialog.py" line="64" />
        <source>Hanya supervisor yang dapat mengubah pengaturan.</source>
        <translation>Only a supervisor can change the settings.</translation>
    </message>
</context>
<context>
    <name>WaiverDialog</name>
    <message>
        <location filename="../../station/ui/photo_page.py" line="101" />
        <source>Pengecualian foto</source>
        <translation>Photo exception</translation>
    </message>
    <message>
        <location filename="../../station/ui/photo_page.py" line="106" />
        <source>Alasan</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../station/ui/photo_page.py" line="114" />
        <source>Keterangan</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../station/ui/photo_page.py" line="118" />
        <source>Supervisor</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location filename="../../station/ui/photo_page.py" line="119" />
        <source>Kata sandi supervisor</source>
        <translation>Supervisor password</translation>
    </message>
    <message>
        <location filename="../../station/ui/photo_page.py" line="132" />
        <source>Konfirmasi supervisor gagal.</source>
        <translation>Supervisor confirmation failed.</translation>
    </message>
</context>
<context>
    <name>_Form</name>
    <message>
        <location filename="../../station/ui/login.py" line="33" />
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
</context>
</TS>
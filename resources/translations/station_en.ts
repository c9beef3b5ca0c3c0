<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
<context>
    <name>AccountsDialog</name>
    <message>
        <location filename="../../station/ui/accounts_dialog.py" line="82" />
        <source>Akun pengguna</source>
        <translation>User accounts</translation>
    </message>
    <message>
        <location filename="../../station/ui/accounts_dialog.py" line="86" />
        <source>Nama pengguna</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../station/ui/accounts_dialog.py" line="86" />
        <source>Peran</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../station/ui/accounts_dialog.py" line="86" />
        <source>Terkunci sampai</source>
        <translation>Locked until</translation>
    </message>
    <message>
        <location filename="../../station/ui/accounts_dialog.py" line="94" />
        <source>Tambah akun ...</source>
        <translation>Add account ...</translation>
    </message>
    <message>
        <location filename="../../station/ui/accounts_dialog.py" line="96" />
        <source>Atur ulang kata sandi ...</source>
        <translation>Reset password ...</translation>
    </message>
    <message>
        <location filename="../../station/ui/accounts_dialog.py" line="97" />
        <source>Buka kunci</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location filename="../../station/ui/accounts_dialog.py" line="98" />
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../station/ui/accounts_dialog.py" line="143" />
        <source>Akun {0} ditambahkan.</source>
        <translation>Account {0} added.</translation>
    </message>
    <message>
        <location filename="../../station/ui/accounts_dialog.py" line="149" />
        <source>Kata sandi {0} sudah diganti.</source>
        <translation>The password of {0} was changed.</translation>
    </message>
    <message>
        <location filename="../../station/ui/accounts_dialog.py" line="161" />
        <source>Kunci akun {0} dibuka.</source>
        <translation>Account {0} unlocked.</translation>
    </message>
</context>
<context>
    <name>AddAccountDialog</name>
    <message>
        <location filename="../../station/ui/accounts_dialog.py" line="28" />
        <source>Tambah akun</source>
        <translation>Add account</translation>
    </message>
    <message>
        <location filename="../../station/ui/accounts_dialog.py" line="29" />
        <source>Setiap petugas memakai akunnya sendiri. Kata sandi paling sedikit 8 karakter.</source>
        <translation>Everyone uses their own account. Passwords have at least 8 characters.</translation>
    </message>
    <message>
        <location filename="../../station/ui/accounts_dialog.py" line="33" />
        <source>Nama pengguna</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../station/ui/accounts_dialog.py" line="37" />
        <source>Peran</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../station/ui/accounts_dialog.py" line="38" />
        <source>Kata sandi</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../station/ui/accounts_dialog.py" line="39" />
        <source>Ulangi kata sandi</source>
        <translation>Repeat password</translation>
    </message>
    <message>
        <location filename="../../station/ui/accounts_dialog.py" line="40" />
        <source>Tambah</source>
        <translation>Add</translation>
    </message>
</context>
<context>
    <name>ApprovalPage</name>
    <message>
        <location filename="../../station/ui/approval.py" line="99" />
        <source>Persetujuan foto — tunjukkan foto kepada warga</source>
        <translation>Photo approval — show the photo to the citizen</translation>
    </message>
    <message>
        <location filename="../../station/ui/approval.py" line="106" />
        <source>Tampilkan lagi ke warga</source>
        <translation>Show the citizen again</translation>
    </message>
    <message>
        <location filename="../../station/ui/approval.py" line="107" />
        <source>Warga minta foto ulang (F5)</source>
        <translation>The citizen wants another photo (F5)</translation>
    </message>
    <message>
        <location filename="../../station/ui/approval.py" line="108" />
        <source>Warga setuju (Enter)</source>
        <translation>The citizen agrees (Enter)</translation>
    </message>
    <message>
        <location filename="../../station/ui/approval.py" line="124" />
        <source>Persetujuan</source>
        <translation>Approval</translation>
    </message>
    <message>
        <location filename="../../station/ui/approval.py" line="145" />
        <source>Foto tampil di layar kedua yang menghadap warga. Catat jawaban warga.</source>
        <translation>The photo is on the second screen facing the citizen. Record their answer.</translation>
    </message>
    <message>
        <location filename="../../station/ui/approval.py" line="147" />
        <source>Foto tampil satu layar penuh: hadapkan layar ke warga, lalu catat jawabannya.</source>
        <translation>The photo fills the screen: turn it to the citizen, then record their answer.</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <location filename="../../station/ui/banner.py" line="31" />
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>BiodataForm</name>
    <message>
        <location filename="../../station/ui/biodata_form.py" line="13" />
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <location filename="../../station/ui/biodata_form.py" line="14" />
        <source>No. KK</source>
        <translation>Family card no.</translation>
    </message>
    <message>
        <location filename="../../station/ui/biodata_form.py" line="15" />
        <source>Nama lengkap</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../station/ui/biodata_form.py" line="16" />
        <source>Tempat lahir</source>
        <translation>Place of birth</translation>
    </message>
    <message>
        <location filename="../../station/ui/biodata_form.py" line="17" />
        <source>Tanggal lahir</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location filename="../../station/ui/biodata_form.py" line="18" />
        <source>Jenis kelamin</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location filename="../../station/ui/biodata_form.py" line="19" />
        <source>Agama</source>
        <translation>Religion</translation>
    </message>
    <message>
        <location filename="../../station/ui/biodata_form.py" line="20" />
        <source>Status perkawinan</source>
        <translation>Marital status</translation>
    </message>
    <message>
        <location filename="../../station/ui/biodata_form.py" line="21" />
        <source>Pekerjaan</source>
        <translation>Occupation</translation>
    </message>
    <message>
        <location filename="../../station/ui/biodata_form.py" line="22" />
        <source>Pendidikan</source>
        <translation>Education</translation>
    </message>
    <message>
        <location filename="../../station/ui/biodata_form.py" line="23" />
        <source>Hubungan keluarga</source>
        <translation>Family relation</translation>
    </message>
    <message>
        <location filename="../../station/ui/biodata_form.py" line="24" />
        <source>Alamat</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../station/ui/biodata_form.py" line="25" />
        <source>RT / RW</source>
        <translation>RT / RW</translation>
    </message>
    <message>
        <location filename="../../station/ui/biodata_form.py" line="26" />
        <source>Kecamatan</source>
        <translation>Kecamatan</translation>
    </message>
    <message>
        <location filename="../../station/ui/biodata_form.py" line="27" />
        <source>Desa/Kelurahan</source>
        <translation>Village</translation>
    </message>
    <message>
        <location filename="../../station/ui/biodata_form.py" line="28" />
        <source>Golongan darah</source>
        <translation>Blood type</translation>
    </message>
    <message>
        <location filename="../../station/ui/biodata_form.py" line="29" />
        <source>Kewarganegaraan</source>
        <translation>Citizenship</translation>
    </message>
    <message>
        <location filename="../../station/ui/biodata_form.py" line="31" />
        <source>Laki-laki</source>
        <translation>Male</translation>
    </message>
    <message>
        <location filename="../../station/ui/biodata_form.py" line="31" />
        <source>Perempuan</source>
        <translation>Female</translation>
    </message>
    <message>
        <location filename="../../station/ui/biodata_form.py" line="65" />
        <source>16 digit</source>
        <translation>16 digits</translation>
    </message>
    <message>
        <location filename="../../station/ui/biodata_form.py" line="82" />
        <source>ketik nama desa ...</source>
        <translation>type the village name ...</translation>
    </message>
</context>
<context>
    <name>BiodataPage</name>
    <message>
        <location filename="../../station/ui/biodata_page.py" line="70" />
        <source>Lanjutkan draf itu</source>
        <translation>Continue that draft</translation>
    </message>
    <message>
        <location filename="../../station/ui/biodata_page.py" line="75" />
        <source>Saya sudah memeriksa peringatan (kuning) dengan dokumen warga</source>
        <translation>I checked the (amber) warnings against the citizen's documents</translation>
    </message>
    <message>
        <location filename="../../station/ui/biodata_page.py" line="85" />
        <source>Lanjut ke foto (Ctrl+Enter)</source>
        <translation>On to the photo (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../station/ui/biodata_page.py" line="101" />
        <source>Biodata</source>
        <translation>Biodata</translation>
    </message>
    <message>
        <location filename="../../station/ui/biodata_page.py" line="176" />
        <source>Biodata — nomor antrean {0}</source>
        <translation>Biodata — queue number {0}</translation>
    </message>
    <message>
        <location filename="../../station/ui/biodata_page.py" line="269" />
        <source>Tanggal {0} tidak ada.</source>
        <translation>There is no date {0}.</translation>
    </message>
    <message>
        <location filename="../../station/ui/biodata_page.py" line="271" />
        <source>Tanggal belum lengkap (hh-bb-tttt).</source>
        <translation>The date is incomplete (dd-mm-yyyy).</translation>
    </message>
    <message>
        <location filename="../../station/ui/biodata_page.py" line="308" />
        <source>Wajib diisi</source>
        <translation>Required</translation>
    </message>
    <message>
        <location filename="../../station/ui/biodata_page.py" line="322" />
        <source>{0} isian perlu diperbaiki — tunjukkan (Alt+P)</source>
        <translation>{0} fields need fixing — show (Alt+P)</translation>
    </message>
    <message>
        <location filename="../../station/ui/biodata_page.py" line="324" />
        <source>{0} peringatan perlu dikonfirmasi</source>
        <translation>{0} warnings to confirm</translation>
    </message>
    <message>
        <location filename="../../station/ui/biodata_page.py" line="355" />
        <source>Diisi dari NIK</source>
        <translation>Filled from the NIK</translation>
    </message>
    <message>
        <location filename="../../station/ui/biodata_page.py" line="380" />
        <source>NIK ini sudah ada di stasiun: {0}.</source>
        <translation>This NIK is already on the station: {0}.</translation>
    </message>
    <message>
        <location filename="../../station/ui/biodata_page.py" line="408" />
        <source>Draf tersimpan {0}</source>
        <translation>Draft saved {0}</translation>
    </message>
</context>
<context>
    <name>BiometricExceptionDialog</name>
    <message>
        <location filename="../../station/ui/biometrics_page.py" line="395" />
        <source>Pengecualian biometrik</source>
        <translation>Biometric exception</translation>
    </message>
    <message>
        <location filename="../../station/ui/biometrics_page.py" line="398" />
        <source>— pilih jari atau mata —</source>
        <translation>— choose a finger or an eye —</translation>
    </message>
    <message>
        <location filename="../../station/ui/biometrics_page.py" line="404" />
        <source>Jari / mata</source>
        <translation>Finger / eye</translation>
    </message>
    <message>
        <location filename="../../station/ui/biometrics_page.py" line="406" />
        <source>Alasan</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../station/ui/biometrics_page.py" line="410" />
        <source>Keterangan</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../station/ui/biometrics_page.py" line="412" />
        <source>Pilih foto bukti ...</source>
        <translation>Choose the evidence photo ...</translation>
    </message>
    <message>
        <location filename="../../station/ui/biometrics_page.py" line="417" />
        <source>Foto bukti (JPEG)</source>
        <translation>Evidence photo (JPEG)</translation>
    </message>
    <message>
        <location filename="../../station/ui/biometrics_page.py" line="420" />
        <source>Konfirmasi</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <location filename="../../station/ui/biometrics_page.py" line="436" />
        <source>— pilih alasan —</source>
        <translation>— choose a reason —</translation>
    </message>
    <message>
        <location filename="../../station/ui/biometrics_page.py" line="441" />
        <source>Foto bukti</source>
        <translation>Evidence photo</translation>
    </message>
    <message>
        <location filename="../../station/ui/biometrics_page.py" line="449" />
        <source>Pilih jari atau mata dan alasannya dulu.</source>
        <translation>Choose the finger or eye and its reason first.</translation>
    </message>
    <message>
        <location filename="../../station/ui/biometrics_page.py" line="457" />
        <source>Foto bukti tidak bisa dibaca.</source>
        <translation>The evidence photo cannot be read.</translation>
    </message>
</context>
<context>
    <name>BiometricsPage</name>
    <message>
        <location filename="../../station/ui/biometrics_page.py" line="88" />
        <source>Sidik jari, iris dan verifikasi</source>
        <translation>Fingerprints, irises and verification</translation>
    </message>
    <message>
        <location filename="../../station/ui/biometrics_page.py" line="104" />
        <source>Angka: skor mutu NFIQ 2 (0-100); dalam kurung: peringkat mutu 1-10 (10 terbaik).</source>
        <translation>Numbers: NFIQ 2 quality score (0-100); in brackets: quality rank 1-10 (10 best).</translation>
    </message>
    <message>
        <location filename="../../station/ui/biometrics_page.py" line="108" />
        <location filename="../../station/ui/biometrics_page.py" line="259" />
        <source>Pratinjau pemindai</source>
        <translation>Scanner preview</translation>
    </message>
    <message>
        <location filename="../../station/ui/biometrics_page.py" line="123" />
        <location filename="../../station/ui/biometrics_page.py" line="352" />
        <source>Rekam</source>
        <translation>Capture</translation>
    </message>
    <message>
        <location filename="../../station/ui/biometrics_page.py" line="124" />
        <source>Cari perangkat</source>
        <translation>Find devices</translation>
    </message>
    <message>
        <location filename="../../station/ui/biometrics_page.py" line="125" />
        <source>Pengecualian ...</source>
        <translation>Exception ...</translation>
    </message>
    <message>
        <location filename="../../station/ui/biometrics_page.py" line="126" />
        <source>Selesai, simpan rekaman</source>
        <translation>Done, save the captures</translation>
    </message>
    <message>
        <location filename="../../station/ui/biometrics_page.py" line="160" />
        <source>Kesalahan tak terduga: {0}</source>
        <translation>Unexpected error: {0}</translation>
    </message>
    <message>
        <location filename="../../station/ui/biometrics_page.py" line="187" />
        <source>Mencari pemindai ...</source>
        <translation>Looking for scanners ...</translation>
    </message>
    <message>
        <location filename="../../station/ui/biometrics_page.py" line="198" />
        <source>Tanda tangan tersimpan. Tempelkan empat jari tangan kiri lalu tekan Rekam.</source>
        <translation>Signature saved. Place the four fingers of the left hand, then press Capture.</translation>
    </message>
    <message>
        <location filename="../../station/ui/biometrics_page.py" line="224" />
        <source>Sisa ulangan: {0}.</source>
        <translation>Retries left: {0}.</translation>
    </message>
    <message>
        <location filename="../../station/ui/biometrics_page.py" line="237" />
        <source>Pemindai sidik jari dan iris siap.</source>
        <translation>Fingerprint and iris scanners ready.</translation>
    </message>
    <message>
        <location filename="../../station/ui/biometrics_page.py" line="244" />
        <source>Pengecualian {0} dicatat.</source>
        <translation>Exception for {0} recorded.</translation>
    </message>
    <message>
        <location filename="../../station/ui/biometrics_page.py" line="354" />
        <source>Rekam: kedua iris</source>
        <translation>Capture: both irises</translation>
    </message>
    <message>
        <location filename="../../station/ui/biometrics_page.py" line="356" />
        <source>Rekam: verifikasi telunjuk</source>
        <translation>Capture: index finger verification</translation>
    </message>
    <message>
        <location filename="../../station/ui/biometrics_page.py" line="358" />
        <source>Rekam: {0}</source>
        <translation>Capture: {0}</translation>
    </message>
    <message>
        <location filename="../../station/ui/biometrics_page.py" line="359" />
        <source>terekam</source>
        <translation>captured</translation>
    </message>
    <message>
        <location filename="../../station/ui/biometrics_page.py" line="382" />
        <source>cocok</source>
        <translation>matches</translation>
    </message>
    <message>
        <location filename="../../station/ui/biometrics_page.py" line="382" />
        <source>belum cocok</source>
        <translation>no match yet</translation>
    </message>
    <message>
        <location filename="../../station/ui/biometrics_page.py" line="385" />
        <source>Lalu tekan Cari perangkat. Tanpa pemindai, minta supervisor mencatat pengecualian.</source>
        <translation>Then press Find devices. Without a scanner, ask a supervisor to record an exception.</translation>
    </message>
    <message>
        <location filename="../../station/ui/biometrics_page.py" line="386" />
        <source>Perangkat: {0} {1}</source>
        <translation>Device: {0} {1}</translation>
    </message>
</context>
<context>
    <name>BiometricsStep</name>
    <message>
        <location filename="../../station/ui/biometric_steps.py" line="63" />
        <source>Biometrik</source>
        <translation>Biometrics</translation>
    </message>
</context>
<context>
    <name>CancelDialog</name>
    <message>
        <location filename="../../station/ui/queue_page.py" line="37" />
        <source>Batalkan nomor {0}</source>
        <translation>Cancel ticket {0}</translation>
    </message>
    <message>
        <location filename="../../station/ui/queue_page.py" line="45" />
        <source>Alasan</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../station/ui/queue_page.py" line="52" />
        <source>Batalkan nomor</source>
        <translation>Cancel the ticket</translation>
    </message>
    <message>
        <location filename="../../station/ui/queue_page.py" line="66" />
        <source>Tulis alasan pembatalan nomor antrean.</source>
        <translation>Write why the ticket is cancelled.</translation>
    </message>
</context>
<context>
    <name>CitizenView</name>
    <message>
        <location filename="../../station/ui/approval.py" line="35" />
        <source>Foto Anda</source>
        <translation>Your photo</translation>
    </message>
    <message>
        <location filename="../../station/ui/approval.py" line="37" />
        <source>Apakah Anda setuju dengan foto ini untuk KTP-el?</source>
        <translation>Do you agree to this photo for your e-KTP?</translation>
    </message>
    <message>
        <location filename="../../station/ui/approval.py" line="42" />
        <source>Jika belum sesuai, Anda boleh meminta foto ulang.</source>
        <translation>If it is not right, you may ask for another photo.</translation>
    </message>
    <message>
        <location filename="../../station/ui/approval.py" line="46" />
        <source>Setuju (Enter)</source>
        <translation>I agree (Enter)</translation>
    </message>
    <message>
        <location filename="../../station/ui/approval.py" line="48" />
        <source>Foto ulang (F5)</source>
        <translation>Take again (F5)</translation>
    </message>
</context>
<context>
    <name>Counters</name>
    <message>
        <location filename="../../station/ui/counters.py" line="11" />
        <source>Diambil hari ini</source>
        <translation>Issued today</translation>
    </message>
    <message>
        <location filename="../../station/ui/counters.py" line="12" />
        <source>Selesai dilayani</source>
        <translation>Finished</translation>
    </message>
    <message>
        <location filename="../../station/ui/counters.py" line="13" />
        <source>Menunggu</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <location filename="../../station/ui/counters.py" line="14" />
        <source>Sisa kuota</source>
        <translation>Quota left</translation>
    </message>
    <message>
        <location filename="../../station/ui/counters.py" line="15" />
        <source>Untuk hari berikutnya</source>
        <translation>For later days</translation>
    </message>
    <message>
        <location filename="../../station/ui/counters.py" line="47" />
        <source>Antrean: {0} diambil · {1} selesai · {2} di loket · {3} menunggu · sisa kuota {4}</source>
        <translation>Queue: {0} issued · {1} finished · {2} at the counter · {3} waiting · quota left {4}</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <location filename="../../station/ui/widgets.py" line="194" />
        <source>Kalender</source>
        <translation>Calendar</translation>
    </message>
</context>
<context>
    <name>Desk</name>
    <message>
        <location filename="../../station/ui/desk.py" line="47" />
        <source>Warga belum selesai</source>
        <translation>Citizen not finished</translation>
    </message>
    <message>
        <location filename="../../station/ui/desk.py" line="48" />
        <source>Warga {0} belum selesai direkam. Datanya tersimpan sebagai draf.</source>
        <translation>Citizen {0} is not finished. Their data is saved as a draft.</translation>
    </message>
    <message>
        <location filename="../../station/ui/desk.py" line="49" />
        <source>Tunda warga ini dan lanjut? Nomornya bisa dipanggil ulang nanti.</source>
        <translation>Set this citizen aside and go on? Their ticket can be recalled later.</translation>
    </message>
    <message>
        <location filename="../../station/ui/desk.py" line="50" />
        <source>Tunda dan lanjut</source>
        <translation>Set aside and go on</translation>
    </message>
    <message>
        <location filename="../../station/ui/desk.py" line="51" />
        <source>Lanjutkan warga ini</source>
        <translation>Continue with this citizen</translation>
    </message>
    <message>
        <location filename="../../station/ui/desk.py" line="78" />
        <source>Nomor {0} ditunda.</source>
        <translation>Ticket {0} set aside.</translation>
    </message>
    <message>
        <location filename="../../station/ui/desk.py" line="91" />
        <source>Tidak ada yang menunggu. Ambil nomor baru dengan F2.</source>
        <translation>Nobody is waiting. Issue a new ticket with F2.</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../station/ui/export_dialog.py" line="27" />
        <location filename="../../station/ui/export_dialog.py" line="118" />
        <source>Ekspor jemput bola</source>
        <translation>Jemput bola export</translation>
    </message>
    <message>
        <location filename="../../station/ui/export_dialog.py" line="29" />
        <source>Semua rekaman yang belum diakui pusat masuk ke satu berkas terenkripsi untuk dibawa ke kantor yang daring. Kode transfer kantor dibutuhkan lagi saat impor.</source>
        <translation>Every record the centre has not acknowledged goes into one encrypted file, to be carried to an office that is online. The office transfer code is needed again to import it.</translation>
    </message>
    <message>
        <location filename="../../station/ui/export_dialog.py" line="40" />
        <source>Berkas</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../station/ui/export_dialog.py" line="41" />
        <source>Kode transfer kantor</source>
        <translation>Office transfer code</translation>
    </message>
    <message>
        <location filename="../../station/ui/export_dialog.py" line="42" />
        <source>Buat kode</source>
        <translation>Make a code</translation>
    </message>
    <message>
        <location filename="../../station/ui/export_dialog.py" line="44" />
        <source>Kode acak 24 huruf yang tidak bisa ditebak, untuk ditulis dan dibawa ke kantor</source>
        <translation>A random 24-letter code nobody can guess, to write down and take to the office</translation>
    </message>
    <message>
        <location filename="../../station/ui/export_dialog.py" line="48" />
        <source>Ulangi kode</source>
        <translation>Repeat the code</translation>
    </message>
    <message>
        <location filename="../../station/ui/export_dialog.py" line="59" />
        <source>Ekspor</source>
        <translation>Export</translation>
    </message>
    <message>
        <location filename="../../station/ui/export_dialog.py" line="94" />
        <source>Tulis kode ini di kertas dan bawa terpisah dari flashdisk; kantor mengetiknya saat impor:&lt;br&gt;&lt;span style='font-size:16pt; font-family:monospace'&gt;&lt;b&gt;{0}&lt;/b&gt;&lt;/span&gt;</source>
        <translation>Write this code on paper and carry it apart from the USB stick; the office types it to import:&lt;br&gt;&lt;span style='font-size:16pt; font-family:monospace'&gt;&lt;b&gt;{0}&lt;/b&gt;&lt;/span&gt;</translation>
    </message>
    <message>
        <location filename="../../station/ui/export_dialog.py" line="105" />
        <source>Simpan bundel</source>
        <translation>Save bundle</translation>
    </message>
    <message>
        <location filename="../../station/ui/export_dialog.py" line="112" />
        <source>Tidak sama dengan kode di atas.</source>
        <translation>Not the same as the code above.</translation>
    </message>
    <message>
        <location filename="../../station/ui/export_dialog.py" line="117" />
        <source>Menyiapkan ekspor ...</source>
        <translation>Preparing the export ...</translation>
    </message>
    <message>
        <location filename="../../station/ui/export_dialog.py" line="142" />
        <source>Menulis rekaman ke bundel: {0} dari {1}</source>
        <translation>Writing records to the bundle: {0} of {1}</translation>
    </message>
</context>
<context>
    <name>FirstStartDialog</name>
    <message>
        <location filename="../../station/ui/login.py" line="17" />
        <source>Mulai pertama</source>
        <translation>First start</translation>
    </message>
    <message>
        <location filename="../../station/ui/login.py" line="26" />
        <source>ID stasiun</source>
        <translation>Station ID</translation>
    </message>
    <message>
        <location filename="../../station/ui/login.py" line="19" />
        <source>Atur identitas stasiun sekali saja, lalu buat akun supervisor pertama. Tidak ada kata sandi bawaan. Setelah ini stasiun menampilkan kode pemulihan satu kali: siapkan kertas.</source>
        <translation>Set the station identity once, then create the first supervisor account. There is no default password. Next, the station shows a recovery code once: have paper ready.</translation>
    </message>
    <message>
        <location filename="../../station/ui/login.py" line="29" />
        <source>ketik nama kecamatan ...</source>
        <translation>type the kecamatan name ...</translation>
    </message>
    <message>
        <location filename="../../station/ui/login.py" line="32" />
        <source>Kecamatan kantor</source>
        <translation>Office kecamatan</translation>
    </message>
    <message>
        <location filename="../../station/ui/login.py" line="34" />
        <source>Kode kecamatan</source>
        <translation>Kecamatan code</translation>
    </message>
    <message>
        <location filename="../../station/ui/login.py" line="36" />
        <source>Nama pengguna supervisor</source>
        <translation>Supervisor user name</translation>
    </message>
    <message>
        <location filename="../../station/ui/login.py" line="37" />
        <source>Kata sandi (min. 8)</source>
        <translation>Password (min. 8)</translation>
    </message>
    <message>
        <location filename="../../station/ui/login.py" line="38" />
        <source>Ulangi kata sandi</source>
        <translation>Repeat password</translation>
    </message>
    <message>
        <location filename="../../station/ui/login.py" line="39" />
        <source>Mulai</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../../station/ui/login.py" line="44" />
        <source>{0} (NIK diawali {1})</source>
        <translation>{0} (NIKs start with {1})</translation>
    </message>
    <message>
        <location filename="../../station/ui/login.py" line="50" />
        <source>Pilih kecamatan kantor dari daftar.</source>
        <translation>Choose the office's kecamatan from the list.</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <location filename="../../station/ui/forms.py" line="100" />
        <source>Pilih ...</source>
        <translation>Choose ...</translation>
    </message>
    <message>
        <location filename="../../station/ui/forms.py" line="152" />
        <source>Kedua kata sandi tidak sama.</source>
        <translation>The two passwords differ.</translation>
    </message>
    <message>
        <location filename="../../station/ui/forms.py" line="166" />
        <source>{0} belum diisi.</source>
        <translation>{0} is empty.</translation>
    </message>
</context>
<context>
    <name>Header</name>
    <message>
        <location filename="../../station/ui/header.py" line="59" />
        <source>{0} · stasiun {1}</source>
        <translation>{0} · station {1}</translation>
    </message>
    <message>
        <location filename="../../station/ui/header.py" line="63" />
        <source>Terekam hari ini: {0} · menunggu kirim: {1}</source>
        <translation>Recorded today: {0} · waiting to send: {1}</translation>
    </message>
    <message>
        <location filename="../../station/ui/header.py" line="70" />
        <source>{0} ({1})</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <location filename="../../station/ui/header.py" line="70" />
        <source>(terkunci)</source>
        <translation>(locked)</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../station/ui/import_dialog.py" line="20" />
        <source>Impor jemput bola</source>
        <translation>Jemput bola import</translation>
    </message>
    <message>
        <location filename="../../station/ui/import_dialog.py" line="22" />
        <source>Bundel dari tim jemput bola diperiksa seluruhnya dulu (penanda tangan terdaftar, setiap rekaman) lalu dimasukkan sekaligus. Rekaman yang sudah ada dilewati. Kode transfer kantor dibutuhkan.</source>
        <translation>A bundle from a jemput bola team is checked whole first (a registered signer, every record), then taken in at once. Records already here are skipped. The office transfer code is needed.</translation>
    </message>
    <message>
        <location filename="../../station/ui/import_dialog.py" line="29" />
        <source>berkas .bundle di flashdisk</source>
        <translation>.bundle file on the USB stick</translation>
    </message>
    <message>
        <location filename="../../station/ui/import_dialog.py" line="31" />
        <source>Berkas</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../station/ui/import_dialog.py" line="33" />
        <source>Kode transfer kantor</source>
        <translation>Office transfer code</translation>
    </message>
    <message>
        <location filename="../../station/ui/import_dialog.py" line="35" />
        <source>Impor</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../../station/ui/import_dialog.py" line="40" />
        <source>Buka bundel</source>
        <translation>Open bundle</translation>
    </message>
    <message>
        <location filename="../../station/ui/import_dialog.py" line="54" />
        <source>Berkas {0} tidak bisa dibaca.</source>
        <translation>The file {0} cannot be read.</translation>
    </message>
    <message>
        <location filename="../../station/ui/import_dialog.py" line="70" />
        <source>Impor dari {0}: {1} rekaman sudah ada di stasiun ini, tidak ada yang baru.</source>
        <translation>Import from {0}: {1} records are already on this station, nothing new.</translation>
    </message>
    <message>
        <location filename="../../station/ui/import_dialog.py" line="73" />
        <source>Impor dari {0}: {1} baru, {2} sudah ada, {3} konflik, {4} ditolak.</source>
        <translation>Import from {0}: {1} new, {2} already here, {3} conflicts, {4} refused.</translation>
    </message>
</context>
<context>
    <name>LockCover</name>
    <message>
        <location filename="../../station/ui/lock.py" line="19" />
        <source>Stasiun terkunci</source>
        <translation>Station locked</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../station/ui/login.py" line="74" />
        <location filename="../../station/ui/login.py" line="87" />
        <source>Masuk</source>
        <translation>Log in</translation>
    </message>
    <message>
        <location filename="../../station/ui/login.py" line="74" />
        <source>Terkunci — masuk lagi</source>
        <translation>Locked — log in again</translation>
    </message>
    <message>
        <location filename="../../station/ui/login.py" line="76" />
        <source>Stasiun dikunci. Data warga disembunyikan sampai seseorang masuk lagi.</source>
        <translation>The station is locked. Citizens' data is hidden until someone logs in again.</translation>
    </message>
    <message>
        <location filename="../../station/ui/login.py" line="78" />
        <source>{0} — stasiun {1}. Masuk dengan akun Anda sendiri.</source>
        <translation>{0} — station {1}. Log in with your own account.</translation>
    </message>
    <message>
        <location filename="../../station/ui/login.py" line="85" />
        <source>Nama pengguna</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../station/ui/login.py" line="86" />
        <source>Kata sandi</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../station/ui/login.py" line="88" />
        <source>Lupa kata sandi? Pakai kode pemulihan ...</source>
        <translation>Forgot the password? Use the recovery code ...</translation>
    </message>
    <message>
        <location filename="../../station/ui/login.py" line="115" />
        <source>Tutup aplikasi?</source>
        <translation>Close the application?</translation>
    </message>
    <message>
        <location filename="../../station/ui/login.py" line="116" />
        <source>Tanpa masuk, aplikasi ditutup. Semua rekaman dan draf tetap tersimpan. Tutup sekarang?</source>
        <translation>Without logging in, the application closes. Every record and draft stays saved. Close now?</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../station/ui/main_window.py" line="62" />
        <source>Perekaman KTP-el — stasiun {0}</source>
        <translation>e-KTP recording — station {0}</translation>
    </message>
    <message>
        <location filename="../../station/ui/main_window.py" line="86" />
        <source>Antrean</source>
        <translation>Queue</translation>
    </message>
    <message>
        <location filename="../../station/ui/main_window.py" line="176" />
        <source>Belum ada warga: panggil nomor berikutnya (F3) dulu.</source>
        <translation>No citizen yet: call the next number (F3) first.</translation>
    </message>
    <message>
        <location filename="../../station/ui/main_window.py" line="180" />
        <source>Selesaikan langkah sebelumnya dulu: {0}.</source>
        <translation>Finish the step before first: {0}.</translation>
    </message>
    <message>
        <location filename="../../station/ui/main_window.py" line="219" />
        <source>{0} Minta supervisor masuk (Ctrl+L).</source>
        <translation>{0} Ask a supervisor to log in (Ctrl+L).</translation>
    </message>
    <message>
        <location filename="../../station/ui/main_window.py" line="255" />
        <source>Ekspor selesai: {0} rekaman ditulis ke {1}.</source>
        <translation>Export done: {0} records written to {1}.</translation>
    </message>
    <message>
        <location filename="../../station/ui/main_window.py" line="274" />
        <source>Stasiun {0} terdaftar di server pusat; sinkronisasi dimulai.</source>
        <translation>Station {0} is registered with the central server; sync has started.</translation>
    </message>
    <message>
        <location filename="../../station/ui/main_window.py" line="305" />
        <source>Rekap harian</source>
        <translation>Daily recap</translation>
    </message>
    <message>
        <location filename="../../station/ui/main_window.py" line="309" />
        <source>Daftar PRR</source>
        <translation>PRR list</translation>
    </message>
    <message>
        <location filename="../../station/ui/main_window.py" line="349" />
        <source>Warga belum selesai</source>
        <translation>Citizen not finished</translation>
    </message>
    <message>
        <location filename="../../station/ui/main_window.py" line="350" />
        <source>Warga {0} belum selesai direkam.</source>
        <translation>Citizen {0} is not fully recorded yet.</translation>
    </message>
    <message>
        <location filename="../../station/ui/main_window.py" line="352" />
        <source>Jika ditutup</source>
        <translation>If the window is closed</translation>
    </message>
    <message>
        <location filename="../../station/ui/main_window.py" line="353" />
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../station/ui/main_window.py" line="355" />
        <source>Jika bahasa diganti sekarang</source>
        <translation>If the language is switched now</translation>
    </message>
    <message>
        <location filename="../../station/ui/main_window.py" line="356" />
        <source>Ganti bahasa</source>
        <translation>Switch language</translation>
    </message>
    <message>
        <location filename="../../station/ui/main_window.py" line="359" />
        <source>{0}, hanya biodata yang tersimpan sebagai draf; foto, persetujuan, tanda tangan dan biometrik harus diambil ulang.</source>
        <translation>{0}, only the biodata is kept as a draft; the photo, approval, signature and biometrics must be taken again.</translation>
    </message>
    <message>
        <location filename="../../station/ui/main_window.py" line="363" />
        <source>Kembali</source>
        <translation>Go back</translation>
    </message>
    <message>
        <location filename="../../station/ui/main_window.py" line="327" />
        <source>Pilih printer</source>
        <translation>Choose a printer</translation>
    </message>
    <message>
        <location filename="../../station/ui/main_window.py" line="329" />
        <source>Printer dipakai: {0}</source>
        <translation>Printer in use: {0}</translation>
    </message>
    <message>
        <location filename="../../station/ui/main_window.py" line="88" />
        <source>Rekaman</source>
        <translation>Records</translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <location filename="../../station/ui/menus.py" line="15" />
        <source>Ambil nomor baru</source>
        <translation>New ticket</translation>
    </message>
    <message>
        <location filename="../../station/ui/menus.py" line="16" />
        <source>Panggil berikutnya</source>
        <translation>Call next</translation>
    </message>
    <message>
        <location filename="../../station/ui/menus.py" line="17" />
        <source>Layar antrean ...</source>
        <translation>Queue display ...</translation>
    </message>
    <message>
        <location filename="../../station/ui/menus.py" line="18" />
        <location filename="../../station/ui/menus.py" line="50" />
        <source>Cari rekaman</source>
        <translation>Find records</translation>
    </message>
    <message>
        <location filename="../../station/ui/menus.py" line="19" />
        <source>Cetak rekap hari ini</source>
        <translation>Print today's recap</translation>
    </message>
    <message>
        <location filename="../../station/ui/menus.py" line="20" />
        <source>Cetak daftar PRR (siap cetak di Dinas)</source>
        <translation>Print the PRR list (ready to print at the Dinas)</translation>
    </message>
    <message>
        <location filename="../../station/ui/menus.py" line="21" />
        <source>Akun pengguna ...</source>
        <translation>User accounts ...</translation>
    </message>
    <message>
        <location filename="../../station/ui/menus.py" line="22" />
        <source>Pulihkan dengan kode pemulihan ...</source>
        <translation>Recover with the recovery code ...</translation>
    </message>
    <message>
        <location filename="../../station/ui/menus.py" line="23" />
        <source>Tinjauan supervisor ...</source>
        <translation>Supervisor review ...</translation>
    </message>
    <message>
        <location filename="../../station/ui/menus.py" line="24" />
        <source>Ekspor jemput bola ...</source>
        <translation>Jemput bola export ...</translation>
    </message>
    <message>
        <location filename="../../station/ui/menus.py" line="25" />
        <source>Impor jemput bola ...</source>
        <translation>Jemput bola import ...</translation>
    </message>
    <message>
        <location filename="../../station/ui/menus.py" line="26" />
        <source>Daftarkan ke server pusat ...</source>
        <translation>Register with the central server ...</translation>
    </message>
    <message>
        <location filename="../../station/ui/menus.py" line="27" />
        <source>Pilih printer 80 mm ...</source>
        <translation>Choose the 80 mm printer ...</translation>
    </message>
    <message>
        <location filename="../../station/ui/menus.py" line="28" />
        <source>Pilih printer A4 ...</source>
        <translation>Choose the A4 printer ...</translation>
    </message>
    <message>
        <location filename="../../station/ui/menus.py" line="29" />
        <source>Pengaturan ...</source>
        <translation>Settings ...</translation>
    </message>
    <message>
        <location filename="../../station/ui/menus.py" line="30" />
        <location filename="../../station/ui/menus.py" line="51" />
        <source>Kunci stasiun</source>
        <translation>Lock the station</translation>
    </message>
    <message>
        <location filename="../../station/ui/menus.py" line="31" />
        <source>Keluar</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../station/ui/menus.py" line="32" />
        <source>Tombol pintas</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <location filename="../../station/ui/menus.py" line="35" />
        <source>&amp;Antrean</source>
        <translation>&amp;Queue</translation>
    </message>
    <message>
        <location filename="../../station/ui/menus.py" line="36" />
        <source>&amp;Stasiun</source>
        <translation>&amp;Station</translation>
    </message>
    <message>
        <location filename="../../station/ui/menus.py" line="37" />
        <source>&amp;Bahasa</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <location filename="../../station/ui/menus.py" line="38" />
        <source>Ba&amp;ntuan</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../station/ui/menus.py" line="42" />
        <source>Ambil nomor antrean baru (dicetak)</source>
        <translation>Issue a new queue ticket (printed)</translation>
    </message>
    <message>
        <location filename="../../station/ui/menus.py" line="43" />
        <source>Panggil nomor berikutnya</source>
        <translation>Call the next number</translation>
    </message>
    <message>
        <location filename="../../station/ui/menus.py" line="44" />
        <source>Layar antrean untuk ruang tunggu</source>
        <translation>Queue display for the waiting room</translation>
    </message>
    <message>
        <location filename="../../station/ui/menus.py" line="45" />
        <source>Ke isian berikutnya (biodata); warga setuju (persetujuan foto)</source>
        <translation>Next field (biodata); the citizen agrees (photo approval)</translation>
    </message>
    <message>
        <location filename="../../station/ui/menus.py" line="46" />
        <source>Lanjut ke foto</source>
        <translation>On to the photo</translation>
    </message>
    <message>
        <location filename="../../station/ui/menus.py" line="47" />
        <source>Ke isian yang perlu diperbaiki</source>
        <translation>To the field that needs fixing</translation>
    </message>
    <message>
        <location filename="../../station/ui/menus.py" line="48" />
        <source>Ulangi foto</source>
        <translation>Retake the photo</translation>
    </message>
    <message>
        <location filename="../../station/ui/menus.py" line="49" />
        <source>Terima dan simpan rekaman (Tinjau)</source>
        <translation>Accept and save the record (Review)</translation>
    </message>
</context>
<context>
    <name>NoWheelComboBox</name>
    <message>
        <location filename="../../station/ui/widgets.py" line="104" />
        <source>"{0}" tidak ada di daftar ini: pilih dari daftar.</source>
        <translation>"{0}" is not in this list: choose from the list.</translation>
    </message>
</context>
<context>
    <name>Papers</name>
    <message>
        <location filename="../../station/ui/app.py" line="77" />
        <source>Lembar kode pemulihan</source>
        <translation>Recovery code sheet</translation>
    </message>
    <message>
        <location filename="../../station/ui/papers.py" line="29" />
        <source>Nomor antrean {0}</source>
        <translation>Queue ticket {0}</translation>
    </message>
    <message>
        <location filename="../../station/ui/papers.py" line="37" />
        <source>Bukti belum tercetak: {0}</source>
        <translation>Receipt not printed: {0}</translation>
    </message>
    <message>
        <location filename="../../station/ui/papers.py" line="39" />
        <source>Bukti perekaman {0}</source>
        <translation>Recording receipt {0}</translation>
    </message>
    <message>
        <location filename="../../station/ui/papers.py" line="47" />
        <source>Simpan PDF ...</source>
        <translation>Save PDF ...</translation>
    </message>
    <message>
        <location filename="../../station/ui/papers.py" line="50" />
        <source>{0}: dicetak ke {1} ({2} halaman).</source>
        <translation>{0}: printed on {1} ({2} pages).</translation>
    </message>
    <message>
        <location filename="../../station/ui/papers.py" line="52" />
        <source>Cetak ulang</source>
        <translation>Print again</translation>
    </message>
    <message>
        <location filename="../../station/ui/papers.py" line="57" />
        <source>{0}: tidak dicetak (dibatalkan).</source>
        <translation>{0}: not printed (cancelled).</translation>
    </message>
    <message>
        <location filename="../../station/ui/papers.py" line="64" />
        <source>{0}: gagal dicetak di {1}. Periksa printer, lalu cetak ulang.</source>
        <translation>{0}: printing failed on {1}. Check the printer, then print again.</translation>
    </message>
    <message>
        <location filename="../../station/ui/papers.py" line="74" />
        <source>Simpan PDF</source>
        <translation>Save PDF</translation>
    </message>
    <message>
        <location filename="../../station/ui/papers.py" line="81" />
        <source>PDF tidak tersimpan: {0}</source>
        <translation>PDF not saved: {0}</translation>
    </message>
    <message>
        <location filename="../../station/ui/papers.py" line="83" />
        <source>PDF tersimpan: {0}</source>
        <translation>PDF saved: {0}</translation>
    </message>
</context>
<context>
    <name>PhotoPage</name>
    <message>
        <location filename="../../station/ui/photo_page.py" line="34" />
        <source>Foto diambil otomatis saat semua syarat terpenuhi dan warga diam sejenak.</source>
        <translation>The photo is taken automatically once every check passes and the citizen holds still.</translation>
    </message>
    <message>
        <location filename="../../station/ui/photo_page.py" line="38" />
        <source>Kembali ke biodata</source>
        <translation>Back to biodata</translation>
    </message>
    <message>
        <location filename="../../station/ui/photo_page.py" line="39" />
        <source>Ulangi (F5)</source>
        <translation>Retake (F5)</translation>
    </message>
    <message>
        <location filename="../../station/ui/photo_page.py" line="40" />
        <source>Pengecualian ...</source>
        <translation>Exception ...</translation>
    </message>
    <message>
        <location filename="../../station/ui/photo_page.py" line="54" />
        <location filename="../../station/ui/photo_page.py" line="73" />
        <source>Belum ada warga. Panggil nomor antrean berikutnya (F3).</source>
        <translation>No citizen yet. Call the next queue number (F3).</translation>
    </message>
    <message>
        <location filename="../../station/ui/photo_page.py" line="57" />
        <source>Foto</source>
        <translation>Photo</translation>
    </message>
    <message>
        <location filename="../../station/ui/photo_page.py" line="65" />
        <source>Foto — {0} ({1})</source>
        <translation>Photo — {0} ({1})</translation>
    </message>
    <message>
        <location filename="../../station/ui/photo_page.py" line="67" />
        <source>Menyiapkan kamera ...</source>
        <translation>Starting the camera ...</translation>
    </message>
    <message>
        <location filename="../../station/ui/photo_page.py" line="77" />
        <source>Dikecualikan: {0}</source>
        <translation>Waived: {0}</translation>
    </message>
</context>
<context>
    <name>Preview</name>
    <message>
        <location filename="../../station/ui/preview.py" line="62" />
        <source>Menyiapkan kamera ...</source>
        <translation>Starting the camera ...</translation>
    </message>
    <message>
        <location filename="../../station/ui/preview.py" line="80" />
        <source>menoleh {0:+.0f}°   menunduk {1:+.0f}°   miring {2:+.0f}°</source>
        <translation>turned {0:+.0f}°   tilted {1:+.0f}°   sideways {2:+.0f}°</translation>
    </message>
</context>
<context>
    <name>QueueDisplay</name>
    <message>
        <location filename="../../station/ui/queue_display.py" line="21" />
        <source>Layar antrean</source>
        <translation>Queue display</translation>
    </message>
    <message>
        <location filename="../../station/ui/queue_display.py" line="26" />
        <location filename="../../station/ui/queue_display.py" line="97" />
        <source>Nomor dipanggil</source>
        <translation>Now calling</translation>
    </message>
    <message>
        <location filename="../../station/ui/queue_display.py" line="38" />
        <source>Menunggu</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <location filename="../../station/ui/queue_display.py" line="39" />
        <source>Sudah dilayani</source>
        <translation>Served</translation>
    </message>
    <message>
        <location filename="../../station/ui/queue_display.py" line="40" />
        <source>Sisa kuota hari ini</source>
        <translation>Quota left today</translation>
    </message>
    <message>
        <location filename="../../station/ui/queue_display.py" line="97" />
        <source>Mohon menunggu: nomor Anda akan dipanggil</source>
        <translation>Please wait: your number will be called</translation>
    </message>
    <message>
        <location filename="../../station/ui/queue_display.py" line="100" />
        <source>Silakan ke loket {0}</source>
        <translation>Please go to counter {0}</translation>
    </message>
    <message>
        <location filename="../../station/ui/queue_display.py" line="105" />
        <source>Berikutnya: {0}</source>
        <translation>Next: {0}</translation>
    </message>
    <message>
        <location filename="../../station/ui/queue_display.py" line="107" />
        <source>Kuota hari ini sudah penuh: nomor baru untuk hari kerja berikutnya.</source>
        <translation>Today is full: new tickets are for the next working day.</translation>
    </message>
</context>
<context>
    <name>QueuePage</name>
    <message>
        <location filename="../../station/ui/queue_page.py" line="90" />
        <source>Lanjutkan warga ini</source>
        <translation>Continue with this citizen</translation>
    </message>
    <message>
        <location filename="../../station/ui/queue_page.py" line="99" />
        <source>Ambil nomor baru (F2)</source>
        <translation>New ticket (F2)</translation>
    </message>
    <message>
        <location filename="../../station/ui/queue_page.py" line="100" />
        <source>Panggil berikutnya (F3)</source>
        <translation>Call next (F3)</translation>
    </message>
    <message>
        <location filename="../../station/ui/queue_page.py" line="103" />
        <source>Tunda</source>
        <translation>Set aside</translation>
    </message>
    <message>
        <location filename="../../station/ui/queue_page.py" line="104" />
        <source>Batalkan ...</source>
        <translation>Cancel ticket ...</translation>
    </message>
    <message>
        <location filename="../../station/ui/queue_page.py" line="106" />
        <source>Layar antrean (F7)</source>
        <translation>Queue display (F7)</translation>
    </message>
    <message>
        <location filename="../../station/ui/queue_page.py" line="116" />
        <source>Nomor untuk hari berikutnya</source>
        <translation>Tickets for later days</translation>
    </message>
    <message>
        <location filename="../../station/ui/queue_page.py" line="147" />
        <source>Antrean {0}</source>
        <translation>Queue {0}</translation>
    </message>
    <message>
        <location filename="../../station/ui/queue_page.py" line="158" />
        <source> — draf tersimpan</source>
        <translation> — draft saved</translation>
    </message>
    <message>
        <location filename="../../station/ui/queue_page.py" line="159" />
        <source>Sedang dilayani: {0}{1}</source>
        <translation>Being served: {0}{1}</translation>
    </message>
    <message>
        <location filename="../../station/ui/queue_page.py" line="161" />
        <source>Belum ada yang dilayani. Tekan F3 untuk memanggil.</source>
        <translation>Nobody being served. Press F3 to call.</translation>
    </message>
    <message>
        <location filename="../../station/ui/queue_page.py" line="168" />
        <source>  (ada draf)</source>
        <translation>  (draft saved)</translation>
    </message>
    <message>
        <location filename="../../station/ui/queue_page.py" line="201" />
        <source>Pilih nomor di daftar untuk memanggil ulang, menunda atau membatalkan.</source>
        <translation>Choose a ticket in the list to recall, set aside or cancel it.</translation>
    </message>
    <message>
        <location filename="../../station/ui/queue_page.py" line="216" />
        <source>Kuota hari ini penuh: nomor {0} untuk {1}.</source>
        <translation>Today is full: ticket {0} for {1}.</translation>
    </message>
    <message>
        <location filename="../../station/ui/queue_page.py" line="238" />
        <source>Nomor {0} sedang dilayani: selesaikan atau tunda dulu.</source>
        <translation>Ticket {0} is being served: finish or set it aside first.</translation>
    </message>
    <message>
        <location filename="../../station/ui/queue_page.py" line="250" />
        <source>Nomor {0}: {1}.</source>
        <translation>Ticket {0}: {1}.</translation>
    </message>
    <message>
        <location filename="../../station/ui/queue_page.py" line="102" />
        <source>Panggil ulang</source>
        <translation>Recall</translation>
    </message>
    <message>
        <location filename="../../station/ui/queue_page.py" line="213" />
        <source>Nomor {0} untuk hari ini.</source>
        <translation>Ticket {0} for today.</translation>
    </message>
</context>
<context>
    <name>RecordDialog</name>
    <message>
        <location filename="../../station/ui/record_dialog.py" line="22" />
        <source>Rekaman {0}</source>
        <translation>Record {0}</translation>
    </message>
    <message>
        <location filename="../../station/ui/record_dialog.py" line="30" />
        <source>(tanpa foto)</source>
        <translation>(no photo)</translation>
    </message>
    <message>
        <location filename="../../station/ui/record_dialog.py" line="37" />
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../station/ui/record_dialog.py" line="38" />
        <source>Direkam</source>
        <translation>Recorded</translation>
    </message>
    <message>
        <location filename="../../station/ui/record_dialog.py" line="39" />
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <location filename="../../station/ui/record_dialog.py" line="42" />
        <source>Alasan</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../station/ui/record_dialog.py" line="45" />
        <source>Foto disetujui warga</source>
        <translation>Photo approved by the citizen</translation>
    </message>
    <message>
        <location filename="../../station/ui/record_dialog.py" line="45" />
        <source>ya</source>
        <translation>yes</translation>
    </message>
    <message>
        <location filename="../../station/ui/record_dialog.py" line="48" />
        <source>Pengecualian</source>
        <translation>Exception</translation>
    </message>
    <message>
        <location filename="../../station/ui/record_dialog.py" line="56" />
        <source>Lanjutkan draf</source>
        <translation>Continue the draft</translation>
    </message>
    <message>
        <location filename="../../station/ui/record_dialog.py" line="58" />
        <source>Cetak ulang bukti</source>
        <translation>Reprint the receipt</translation>
    </message>
    <message>
        <location filename="../../station/ui/record_dialog.py" line="60" />
        <source>Rekam ulang (biodata disalin)</source>
        <translation>Record again (biodata copied)</translation>
    </message>
    <message>
        <location filename="../../station/ui/record_dialog.py" line="61" />
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../station/ui/record_dialog.py" line="66" />
        <source>Rekaman yang sudah diterima tidak diubah: perbaikan dibuat sebagai rekaman baru.</source>
        <translation>An accepted record is never changed: a correction is a new record.</translation>
    </message>
</context>
<context>
    <name>RecordsPage</name>
    <message>
        <location filename="../../station/ui/records_page.py" line="27" />
        <source>Semua</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../station/ui/records_page.py" line="28" />
        <source>Draf (belum selesai)</source>
        <translation>Drafts (unfinished)</translation>
    </message>
    <message>
        <location filename="../../station/ui/records_page.py" line="29" />
        <source>Ditahan supervisor</source>
        <translation>Held by the supervisor</translation>
    </message>
    <message>
        <location filename="../../station/ui/records_page.py" line="30" />
        <source>Ditolak</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <location filename="../../station/ui/records_page.py" line="31" />
        <source>Menunggu kirim</source>
        <translation>Waiting to send</translation>
    </message>
    <message>
        <location filename="../../station/ui/records_page.py" line="47" />
        <source>Cari NIK atau nama ...</source>
        <translation>Search NIK or name ...</translation>
    </message>
    <message>
        <location filename="../../station/ui/records_page.py" line="56" />
        <source>Waktu</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../station/ui/records_page.py" line="56" />
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <location filename="../../station/ui/records_page.py" line="56" />
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../station/ui/records_page.py" line="56" />
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../station/ui/records_page.py" line="56" />
        <source>Keterangan</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../station/ui/records_page.py" line="66" />
        <source>Klik dua kali (atau Enter) untuk membuka: lanjutkan draf, cetak ulang bukti.</source>
        <translation>Double-click (or Enter) to open: continue a draft, reprint a receipt.</translation>
    </message>
    <message>
        <location filename="../../station/ui/records_page.py" line="88" />
        <source>diekspor ke USB {0}; menunggu tanda terima pusat</source>
        <translation>exported to USB {0}; waiting for the centre's receipt</translation>
    </message>
</context>
<context>
    <name>RecoverDialog</name>
    <message>
        <location filename="../../station/ui/recovery.py" line="88" />
        <source>Pulihkan dengan kode pemulihan</source>
        <translation>Recover with the recovery code</translation>
    </message>
    <message>
        <location filename="../../station/ui/recovery.py" line="90" />
        <source>Masukkan kode pemulihan dari lembar yang disimpan di kantor, nama pengguna yang lupa kata sandinya, dan kata sandi baru. Setelah itu Anda masuk sebagai pengguna tersebut.</source>
        <translation>Enter the recovery code from the sheet kept at the office, the user name whose password was forgotten, and a new password. You are then logged in as that user.</translation>
    </message>
    <message>
        <location filename="../../station/ui/recovery.py" line="96" />
        <source>Kode pemulihan</source>
        <translation>Recovery code</translation>
    </message>
    <message>
        <location filename="../../station/ui/recovery.py" line="98" />
        <source>Nama pengguna</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../station/ui/recovery.py" line="99" />
        <source>Kata sandi baru (min. 8)</source>
        <translation>New password (min. 8)</translation>
    </message>
    <message>
        <location filename="../../station/ui/recovery.py" line="100" />
        <source>Ulangi kata sandi baru</source>
        <translation>Repeat the new password</translation>
    </message>
    <message>
        <location filename="../../station/ui/recovery.py" line="101" />
        <source>Pulihkan</source>
        <translation>Recover</translation>
    </message>
    <message>
        <location filename="../../station/ui/recovery.py" line="113" />
        <source>Kata sandi dipulihkan</source>
        <translation>Password recovered</translation>
    </message>
    <message>
        <location filename="../../station/ui/recovery.py" line="114" />
        <source>Kata sandi {0} sudah diganti. Anda masuk sebagai {0}.</source>
        <translation>The password of {0} was changed. You are logged in as {0}.</translation>
    </message>
</context>
<context>
    <name>RecoveryCodeDialog</name>
    <message>
        <location filename="../../station/ui/recovery.py" line="28" />
        <source>Kode pemulihan — catat sekarang</source>
        <translation>Recovery code — write it down now</translation>
    </message>
    <message>
        <location filename="../../station/ui/recovery.py" line="33" />
        <source>Kode ini membuka data stasiun bila semua kata sandi supervisor hilang. Tanpa kode ini, rekaman yang belum terkirim tidak bisa dibaca lagi. Kode hanya ditampilkan SEKALI INI: tulis di kertas atau cetak, simpan di brankas kantor, jangan disimpan di laptop ini.</source>
        <translation>This code opens the station's data if every supervisor password is lost. Without it, records not yet sent can never be read again. It is shown ONLY THIS ONCE: write it on paper or print it, keep it in the office safe, never on this laptop.</translation>
    </message>
    <message>
        <location filename="../../station/ui/recovery.py" line="43" />
        <source>Cetak lembar kode (A4)</source>
        <translation>Print the code sheet (A4)</translation>
    </message>
    <message>
        <location filename="../../station/ui/recovery.py" line="48" />
        <source>Saya sudah menulis atau mencetak kode ini dan menyimpannya di tempat aman</source>
        <translation>I have written down or printed this code and put it somewhere safe</translation>
    </message>
    <message>
        <location filename="../../station/ui/recovery.py" line="51" />
        <source>Lanjut</source>
        <translation>Continue</translation>
    </message>
    <message>
        <location filename="../../station/ui/recovery.py" line="80" />
        <source>Catat atau cetak kode dulu, lalu centang kotak di atas.</source>
        <translation>Write down or print the code first, then tick the box above.</translation>
    </message>
</context>
<context>
    <name>RegisterDialog</name>
    <message>
        <location filename="../../station/ui/register_dialog.py" line="20" />
        <source>Daftarkan ke server pusat</source>
        <translation>Register with the central server</translation>
    </message>
    <message>
        <location filename="../../station/ui/register_dialog.py" line="22" />
        <source>Sekali saja, oleh supervisor: stasiun ini didaftarkan ke server pusat kabupaten/kota. Setelah itu rekaman dikirim sendiri dan daftar stasiun terdaftar (untuk impor jemput bola) ditarik dari sana.</source>
        <translation>Once, by a supervisor: this station is registered with the regency/city central server. After that records are sent by themselves and the list of registered stations (for jemput bola imports) is pulled from there.</translation>
    </message>
    <message>
        <location filename="../../station/ui/register_dialog.py" line="29" />
        <source>Alamat server pusat</source>
        <translation>Central server address</translation>
    </message>
    <message>
        <location filename="../../station/ui/register_dialog.py" line="31" />
        <source>Kode pendaftaran</source>
        <translation>Registration code</translation>
    </message>
    <message>
        <location filename="../../station/ui/register_dialog.py" line="33" />
        <source>kosongkan bila sertifikat pusat dari CA umum</source>
        <translation>leave empty when the centre's certificate is from a public CA</translation>
    </message>
    <message>
        <location filename="../../station/ui/register_dialog.py" line="34" />
        <source>Berkas CA (opsional)</source>
        <translation>CA file (optional)</translation>
    </message>
    <message>
        <location filename="../../station/ui/register_dialog.py" line="37" />
        <source>Daftarkan</source>
        <translation>Register</translation>
    </message>
    <message>
        <location filename="../../station/ui/register_dialog.py" line="45" />
        <source>Berkas CA server pusat</source>
        <translation>Central server CA file</translation>
    </message>
    <message>
        <location filename="../../station/ui/register_dialog.py" line="53" />
        <source>Alamat server pusat harus lengkap dan diawali https://.</source>
        <translation>The central server address must be complete and start with https://.</translation>
    </message>
    <message>
        <location filename="../../station/ui/register_dialog.py" line="57" />
        <source>Berkas CA {0} tidak ada.</source>
        <translation>The CA file {0} does not exist.</translation>
    </message>
    <message>
        <location filename="../../station/ui/register_dialog.py" line="69" />
        <source>Pendaftaran gagal: {0}</source>
        <translation>Registration failed: {0}</translation>
    </message>
</context>
<context>
    <name>ResetPasswordDialog</name>
    <message>
        <location filename="../../station/ui/accounts_dialog.py" line="56" />
        <source>Atur ulang kata sandi {0}</source>
        <translation>Reset the password of {0}</translation>
    </message>
    <message>
        <location filename="../../station/ui/accounts_dialog.py" line="57" />
        <source>Kata sandi baru untuk {0}. Sampaikan langsung kepada orangnya; kunci akunnya ikut dibuka.</source>
        <translation>A new password for {0}. Tell it to them in person; their account is unlocked too.</translation>
    </message>
    <message>
        <location filename="../../station/ui/accounts_dialog.py" line="63" />
        <source>Kata sandi baru</source>
        <translation>New password</translation>
    </message>
    <message>
        <location filename="../../station/ui/accounts_dialog.py" line="64" />
        <source>Ulangi kata sandi baru</source>
        <translation>Repeat the new password</translation>
    </message>
    <message>
        <location filename="../../station/ui/accounts_dialog.py" line="65" />
        <source>Simpan kata sandi</source>
        <translation>Save password</translation>
    </message>
</context>
<context>
    <name>ReviewDialog</name>
    <message>
        <location filename="../../station/ui/review_dialog.py" line="31" />
        <source>Tinjauan supervisor</source>
        <translation>Supervisor review</translation>
    </message>
    <message>
        <location filename="../../station/ui/review_dialog.py" line="53" />
        <source>Alasan menahan/menolak (dibaca operator di Rekaman)</source>
        <translation>Reason to hold/reject (the operator reads it in Records)</translation>
    </message>
    <message>
        <location filename="../../station/ui/review_dialog.py" line="57" />
        <source>Setujui</source>
        <translation>Approve</translation>
    </message>
    <message>
        <location filename="../../station/ui/review_dialog.py" line="59" />
        <source>Tahan</source>
        <translation>Hold</translation>
    </message>
    <message>
        <location filename="../../station/ui/review_dialog.py" line="60" />
        <source>Tolak</source>
        <translation>Reject</translation>
    </message>
    <message>
        <location filename="../../station/ui/review_dialog.py" line="62" />
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../station/ui/review_dialog.py" line="82" />
        <source>Tinjauan akhir hari tidak aktif: rekaman langsung masuk antrean kirim. Aktifkan di Stasiun &gt; Pengaturan.</source>
        <translation>End-of-day review is off: records go straight to the send queue. Turn it on in Station &gt; Settings.</translation>
    </message>
    <message>
        <location filename="../../station/ui/review_dialog.py" line="100" />
        <source>Tidak ada rekaman yang menunggu tinjauan.</source>
        <translation>No record is waiting for review.</translation>
    </message>
    <message>
        <location filename="../../station/ui/review_dialog.py" line="116" />
        <source>(tanpa foto)</source>
        <translation>(no photo)</translation>
    </message>
    <message>
        <location filename="../../station/ui/review_dialog.py" line="117" />
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <location filename="../../station/ui/review_dialog.py" line="117" />
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../station/ui/review_dialog.py" line="119" />
        <source>Alasan sebelumnya</source>
        <translation>Earlier reason</translation>
    </message>
    <message>
        <location filename="../../station/ui/review_dialog.py" line="122" />
        <source>Pengecualian</source>
        <translation>Exception</translation>
    </message>
    <message>
        <location filename="../../station/ui/review_dialog.py" line="128" />
        <source>Pilih rekaman dulu.</source>
        <translation>Choose a record first.</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <location filename="../../station/ui/review_page.py" line="34" />
        <location filename="../../station/ui/review_page.py" line="78" />
        <source>Tinjau</source>
        <translation>Review</translation>
    </message>
    <message>
        <location filename="../../station/ui/review_page.py" line="57" />
        <source>Ambil ulang foto (F5)</source>
        <translation>Retake the photo (F5)</translation>
    </message>
    <message>
        <location filename="../../station/ui/review_page.py" line="59" />
        <source>Terima dan simpan (Enter)</source>
        <translation>Accept and save (Enter)</translation>
    </message>
    <message>
        <location filename="../../station/ui/review_page.py" line="86" />
        <source>Tinjau — {0}</source>
        <translation>Review — {0}</translation>
    </message>
    <message>
        <location filename="../../station/ui/review_page.py" line="91" />
        <source>Dikecualikan: {0} (dikonfirmasi {1})</source>
        <translation>Waived: {0} (confirmed by {1})</translation>
    </message>
    <message>
        <location filename="../../station/ui/review_page.py" line="106" />
        <source>Biometrik belum direkam: selesaikan Tanda tangan dan Biometrik dulu.</source>
        <translation>Biometrics not captured: finish Signature and Biometrics first.</translation>
    </message>
    <message>
        <location filename="../../station/ui/review_page.py" line="107" />
        <source>Biometrik tidak direkam di kantor ini (hanya foto).</source>
        <translation>This office does not capture biometrics (photo only).</translation>
    </message>
    <message>
        <location filename="../../station/ui/review_page.py" line="113" />
        <source>Tanda tangan: terekam</source>
        <translation>Signature: captured</translation>
    </message>
    <message>
        <location filename="../../station/ui/review_page.py" line="118" />
        <source>Belum ada foto yang disetujui.</source>
        <translation>No approved photo yet.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../station/ui/settings_dialog.py" line="32" />
        <source>Pengaturan</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../station/ui/settings_dialog.py" line="37" />
        <source>0 = webcam pertama</source>
        <translation>0 = first webcam</translation>
    </message>
    <message>
        <location filename="../../station/ui/settings_dialog.py" line="38" />
        <source>0 = webcam pertama; atau berkas video / folder gambar</source>
        <translation>0 = first webcam; or a video file / image folder</translation>
    </message>
    <message>
        <location filename="../../station/ui/settings_dialog.py" line="39" />
        <source>Berkas video ...</source>
        <translation>Video file ...</translation>
    </message>
    <message>
        <location filename="../../station/ui/settings_dialog.py" line="40" />
        <source>Folder gambar ...</source>
        <translation>Image folder ...</translation>
    </message>
    <message>
        <location filename="../../station/ui/settings_dialog.py" line="51" />
        <source>Kamera</source>
        <translation>Camera</translation>
    </message>
    <message>
        <location filename="../../station/ui/settings_dialog.py" line="53" />
        <source>Kuota antrean per hari</source>
        <translation>Daily queue quota</translation>
    </message>
    <message>
        <location filename="../../station/ui/settings_dialog.py" line="55" />
        <source>Kunci setelah diam (menit)</source>
        <translation>Lock after idle (minutes)</translation>
    </message>
    <message>
        <location filename="../../station/ui/settings_dialog.py" line="56" />
        <source>Bukti perekaman di printer 80 mm (bukan A4)</source>
        <translation>Receipts on the 80 mm printer (not A4)</translation>
    </message>
    <message>
        <location filename="../../station/ui/settings_dialog.py" line="58" />
        <source>Bukti</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <location filename="../../station/ui/settings_dialog.py" line="59" />
        <source>Supervisor meninjau rekaman sebelum dikirim (tinjauan akhir hari)</source>
        <translation>A supervisor reviews records before they are sent (end-of-day review)</translation>
    </message>
    <message>
        <location filename="../../station/ui/settings_dialog.py" line="61" />
        <source>Tinjauan</source>
        <translation>Review</translation>
    </message>
    <message>
        <location filename="../../station/ui/settings_dialog.py" line="65" />
        <source>Nama kantor</source>
        <translation>Office name</translation>
    </message>
    <message>
        <location filename="../../station/ui/settings_dialog.py" line="66" />
        <source>Alamat kantor</source>
        <translation>Office address</translation>
    </message>
    <message>
        <location filename="../../station/ui/settings_dialog.py" line="67" />
        <source>Nama camat / kepala kantor</source>
        <translation>Head of office (camat)</translation>
    </message>
    <message>
        <location filename="../../station/ui/settings_dialog.py" line="69" />
        <source>belum diatur</source>
        <translation>not set</translation>
    </message>
    <message>
        <location filename="../../station/ui/settings_dialog.py" line="70" />
        <source>Jumlah wajib KTP kecamatan</source>
        <translation>Residents who must hold an e-KTP (kecamatan)</translation>
    </message>
    <message>
        <location filename="../../station/ui/settings_dialog.py" line="72" />
        <source>Wajib: tanda tangan, sepuluh sidik jari, kedua iris, verifikasi</source>
        <translation>Required: signature, ten fingerprints, both irises, verification</translation>
    </message>
    <message>
        <location filename="../../station/ui/settings_dialog.py" line="74" />
        <source>Biometrik</source>
        <translation>Biometrics</translation>
    </message>
    <message>
        <location filename="../../station/ui/settings_dialog.py" line="88" />
        <source>Video kamera pengganti</source>
        <translation>Stand-in camera video</translation>
    </message>
    <message>
        <location filename="../../station/ui/settings_dialog.py" line="88" />
        <source>Video ({0})</source>
        <translation>Video ({0})</translation>
    </message>
    <message>
        <location filename="../../station/ui/settings_dialog.py" line="94" />
        <source>Folder gambar kamera pengganti</source>
        <translation>Stand-in camera image folder</translation>
    </message>
</context>
<context>
    <name>SignaturePage</name>
    <message>
        <location filename="../../station/ui/signature_page.py" line="115" />
        <source>Tanda tangan warga</source>
        <translation>The citizen's signature</translation>
    </message>
    <message>
        <location filename="../../station/ui/signature_page.py" line="119" />
        <source>Minta warga menandatangani di bantalan tanda tangan (atau dengan tetikus) di atas garis.</source>
        <translation>Ask the citizen to sign on the signature pad (or with the mouse) above the line.</translation>
    </message>
    <message>
        <location filename="../../station/ui/signature_page.py" line="128" />
        <source>Ulangi</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location filename="../../station/ui/signature_page.py" line="129" />
        <source>Simpan tanda tangan</source>
        <translation>Save the signature</translation>
    </message>
</context>
<context>
    <name>SignatureStep</name>
    <message>
        <location filename="../../station/ui/biometric_steps.py" line="40" />
        <source>Tanda tangan</source>
        <translation>Signature</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <location filename="../../station/ui/status.py" line="22" />
        <source>Sinkronisasi: memulai</source>
        <translation>Sync: starting</translation>
    </message>
    <message>
        <location filename="../../station/ui/status.py" line="38" />
        <source>Sinkronisasi: terdaftar, menghubungi ...</source>
        <translation>Sync: registered, connecting ...</translation>
    </message>
    <message>
        <location filename="../../station/ui/status.py" line="44" />
        <source>Kamera: mati</source>
        <translation>Camera: off</translation>
    </message>
    <message>
        <location filename="../../station/ui/status.py" line="45" />
        <source>Kamera: menyiapkan</source>
        <translation>Camera: starting</translation>
    </message>
    <message>
        <location filename="../../station/ui/status.py" line="46" />
        <source>Kamera: aktif</source>
        <translation>Camera: on</translation>
    </message>
    <message>
        <location filename="../../station/ui/status.py" line="47" />
        <source>Kamera: masalah</source>
        <translation>Camera: problem</translation>
    </message>
    <message>
        <location filename="../../station/ui/status.py" line="52" />
        <source>Sinkronisasi: belum terdaftar</source>
        <translation>Sync: not registered</translation>
    </message>
    <message>
        <location filename="../../station/ui/status.py" line="56" />
        <source>Sinkronisasi: daring</source>
        <translation>Sync: online</translation>
    </message>
    <message>
        <location filename="../../station/ui/status.py" line="56" />
        <source>Sinkronisasi: luring</source>
        <translation>Sync: offline</translation>
    </message>
    <message>
        <location filename="../../station/ui/status.py" line="58" />
        <source>, {0} ditolak pusat</source>
        <translation>, {0} rejected by the centre</translation>
    </message>
</context>
<context>
    <name>Supervisor</name>
    <message>
        <location filename="../../station/ui/forms.py" line="188" />
        <source>Supervisor</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location filename="../../station/ui/forms.py" line="189" />
        <source>Kata sandi supervisor</source>
        <translation>Supervisor password</translation>
    </message>
    <message>
        <location filename="../../station/ui/forms.py" line="203" />
        <source>Supervisor mengisi nama dan kata sandinya di sini untuk mengonfirmasi.</source>
        <translation>The supervisor types their name and password here to confirm.</translation>
    </message>
</context>
<context>
    <name>WaiverDialog</name>
    <message>
        <location filename="../../station/ui/waiver_dialog.py" line="28" />
        <source>Pengecualian foto</source>
        <translation>Photo exception</translation>
    </message>
    <message>
        <location filename="../../station/ui/waiver_dialog.py" line="32" />
        <source>— pilih alasan —</source>
        <translation>— choose a reason —</translation>
    </message>
    <message>
        <location filename="../../station/ui/waiver_dialog.py" line="35" />
        <source>Alasan</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../station/ui/waiver_dialog.py" line="39" />
        <source>Tidak ada pemeriksaan yang gagal saat ini.</source>
        <translation>No check is failing right now.</translation>
    </message>
    <message>
        <location filename="../../station/ui/waiver_dialog.py" line="52" />
        <source>mis. tidak dapat menutup mulut karena kondisi medis</source>
        <translation>e.g. cannot close the mouth for a medical reason</translation>
    </message>
    <message>
        <location filename="../../station/ui/waiver_dialog.py" line="53" />
        <source>Keterangan</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../station/ui/waiver_dialog.py" line="57" />
        <source>Konfirmasi</source>
        <translation>Confirm</translation>
    </message>
</context>
<context>
    <name>Words</name>
    <message>
        <location filename="../../station/ui/words.py" line="9" />
        <source>draf</source>
        <translation>draft</translation>
    </message>
    <message>
        <location filename="../../station/ui/words.py" line="10" />
        <source>menunggu tinjauan</source>
        <translation>waiting for review</translation>
    </message>
    <message>
        <location filename="../../station/ui/words.py" line="11" />
        <source>ditahan supervisor</source>
        <translation>held by the supervisor</translation>
    </message>
    <message>
        <location filename="../../station/ui/words.py" line="12" />
        <source>menunggu kirim</source>
        <translation>waiting to send</translation>
    </message>
    <message>
        <location filename="../../station/ui/words.py" line="13" />
        <source>terkirim</source>
        <translation>sent</translation>
    </message>
    <message>
        <location filename="../../station/ui/words.py" line="14" />
        <source>diterima pusat</source>
        <translation>received by the centre</translation>
    </message>
    <message>
        <location filename="../../station/ui/words.py" line="15" />
        <source>ditolak</source>
        <translation>rejected</translation>
    </message>
    <message>
        <location filename="../../station/ui/words.py" line="18" />
        <source>menunggu</source>
        <translation>waiting</translation>
    </message>
    <message>
        <location filename="../../station/ui/words.py" line="19" />
        <source>dipanggil</source>
        <translation>called</translation>
    </message>
    <message>
        <location filename="../../station/ui/words.py" line="20" />
        <source>ditunda</source>
        <translation>set aside</translation>
    </message>
    <message>
        <location filename="../../station/ui/words.py" line="21" />
        <source>selesai</source>
        <translation>done</translation>
    </message>
    <message>
        <location filename="../../station/ui/words.py" line="22" />
        <source>dibatalkan</source>
        <translation>cancelled</translation>
    </message>
    <message>
        <location filename="../../station/ui/words.py" line="25" />
        <source>jumlah wajah</source>
        <translation>number of faces</translation>
    </message>
    <message>
        <location filename="../../station/ui/words.py" line="26" />
        <source>wajah terlalu kecil</source>
        <translation>face too small</translation>
    </message>
    <message>
        <location filename="../../station/ui/words.py" line="27" />
        <source>kepala terpotong</source>
        <translation>head cut off</translation>
    </message>
    <message>
        <location filename="../../station/ui/words.py" line="28" />
        <source>posisi tidak di tengah</source>
        <translation>not centred</translation>
    </message>
    <message>
        <location filename="../../station/ui/words.py" line="29" />
        <source>kepala menoleh</source>
        <translation>head turned</translation>
    </message>
    <message>
        <location filename="../../station/ui/words.py" line="30" />
        <source>kepala menunduk/mendongak</source>
        <translation>head tilted down/up</translation>
    </message>
    <message>
        <location filename="../../station/ui/words.py" line="31" />
        <source>kepala miring</source>
        <translation>head tilted sideways</translation>
    </message>
    <message>
        <location filename="../../station/ui/words.py" line="32" />
        <source>mata tertutup</source>
        <translation>eyes closed</translation>
    </message>
    <message>
        <location filename="../../station/ui/words.py" line="33" />
        <source>mata tidak terlihat</source>
        <translation>eyes not visible</translation>
    </message>
    <message>
        <location filename="../../station/ui/words.py" line="34" />
        <source>mulut terbuka</source>
        <translation>mouth open</translation>
    </message>
    <message>
        <location filename="../../station/ui/words.py" line="35" />
        <source>terlalu gelap/terang</source>
        <translation>too dark/bright</translation>
    </message>
    <message>
        <location filename="../../station/ui/words.py" line="36" />
        <source>cahaya berlebih</source>
        <translation>overexposed</translation>
    </message>
    <message>
        <location filename="../../station/ui/words.py" line="37" />
        <source>kontras rendah</source>
        <translation>low contrast</translation>
    </message>
    <message>
        <location filename="../../station/ui/words.py" line="38" />
        <source>bayangan samping</source>
        <translation>side shadow</translation>
    </message>
    <message>
        <location filename="../../station/ui/words.py" line="39" />
        <source>foto kabur</source>
        <translation>blurred photo</translation>
    </message>
    <message>
        <location filename="../../station/ui/words.py" line="40" />
        <source>latar tidak polos</source>
        <translation>background not plain</translation>
    </message>
    <message>
        <location filename="../../station/ui/words.py" line="41" />
        <source>warna latar</source>
        <translation>background colour</translation>
    </message>
    <message>
        <location filename="../../station/ui/words.py" line="44" />
        <source>Kondisi mata (mis. kelopak tidak dapat membuka, mata palsu)</source>
        <translation>Eye condition (e.g. eyelid cannot open, artificial eye)</translation>
    </message>
    <message>
        <location filename="../../station/ui/words.py" line="45" />
        <source>Disabilitas (tidak dapat menegakkan/menghadapkan kepala, tidak dapat menutup mulut)</source>
        <translation>Disability (cannot hold the head upright or facing, cannot close the mouth)</translation>
    </message>
    <message>
        <location filename="../../station/ui/words.py" line="48" />
        <source>Penutup kepala karena agama, wajah tetap terlihat penuh</source>
        <translation>Religious head covering, the face fully visible</translation>
    </message>
    <message>
        <location filename="../../station/ui/words.py" line="51" />
        <source>Tidak hadir</source>
        <translation>Not present</translation>
    </message>
    <message>
        <location filename="../../station/ui/words.py" line="52" />
        <source>Dokumen tidak lengkap</source>
        <translation>Documents incomplete</translation>
    </message>
    <message>
        <location filename="../../station/ui/words.py" line="53" />
        <source>Permintaan warga</source>
        <translation>The citizen's request</translation>
    </message>
    <message>
        <location filename="../../station/ui/words.py" line="54" />
        <source>Salah ambil nomor</source>
        <translation>Ticket taken by mistake</translation>
    </message>
    <message>
        <location filename="../../station/ui/words.py" line="56" />
        <source>operator</source>
        <translation>operator</translation>
    </message>
    <message>
        <location filename="../../station/ui/words.py" line="56" />
        <source>supervisor</source>
        <translation>supervisor</translation>
    </message>
</context>
</TS>
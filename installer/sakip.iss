; Inno Setup 6 script of the SAKIP Desktop installer for Windows 10/11 (64-bit).
;
; Compile it through installer/build.py (`python installer/build.py installer`), which hands over, from the
; installed package's metadata, the name, version and icon and where the frozen program is:
;   ISCC /DAppName=... /DAppVersion=... /DAppVersionNumbers=... /DSourceDir=... /DIconFile=...
;        /DOutputDir=... /DOutputBase=... installer\sakip.iss
;
; What it guarantees to an office:
; - Installs per user without administrator rights (into %LOCALAPPDATA%\Programs\SAKIP Desktop); an
;   administrator may choose "for all users" in the first dialog (or /ALLUSERS on the command line).
; - Never touches the office's data: the database, its backups and the log live in the per-user data folder
;   (%LOCALAPPDATA%\SAKIP Desktop, sakip_desktop/paths.py), which no entry below names. The uninstaller removes
;   only the program files it installed; an upgrade replaces only those. The program itself backs the database
;   up before it migrates it at the first start of the new version.

#ifndef AppName
  #error Kompilasi lewat installer/build.py: nama, versi dan ikon datang dari metadata paket.
#endif
#define AppExeName AppName + ".exe"
#define AppProgId "SAKIPDesktop.Cadangan"

[Setup]
; The identity of the installed program: an upgrade finds the earlier install by it. Never change it.
AppId={{07590113-2B12-4829-8F70-D5F009DE3B61}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
VersionInfoVersion={#AppVersionNumbers}
VersionInfoProductName={#AppName}
; Per user by default, no UAC prompt; the dialog lets an administrator install for all users instead.
; An upgrade keeps the mode and folder of the earlier install (UsePreviousPrivileges, UsePreviousAppDir).
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
UsePreviousPrivileges=yes
UsePreviousAppDir=yes
; {autopf}: %LOCALAPPDATA%\Programs per user, Program Files for all users.
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; The frozen program is 64-bit.
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
; A running SAKIP Desktop is asked to close (Restart Manager) before its files are replaced; on closing it
; makes its own backup as always. It is not restarted behind the person's back.
CloseApplications=yes
RestartApplications=no
ChangesAssociations=yes
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\{#AppExeName}
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
OutputDir={#OutputDir}
OutputBaseFilename={#OutputBase}
SetupLogging=yes

[Languages]
; The wizard speaks Indonesian when the build PC has an Indonesian message file in Inno Setup's Languages
; folder; otherwise its standard pages are in English. Everything this script writes itself (shortcuts,
; tasks, messages) is Indonesian in both cases ([CustomMessages] below).
#if FileExists(AddBackslash(CompilerPath) + "Languages\Indonesian.isl")
Name: "id"; MessagesFile: "compiler:Languages\Indonesian.isl"
#else
Name: "id"; MessagesFile: "compiler:Default.isl"
#endif

[CustomMessages]
AppComment=Akuntabilitas kinerja (SAKIP) kantor kecamatan
DemoShortcut=Kantor contoh (latihan)
DemoComment=Buka kantor contoh yang baru untuk berlatih; data kantor tidak tersentuh
ShortcutsGroup=Pintasan:
DesktopTask=Buat pintasan di &desktop
AssocGroup=Berkas cadangan:
AssocTask=Tampilkan {#AppName} di "Buka dengan" untuk berkas cadangan SAKIP (.db)
BackupFileType=Cadangan SAKIP Desktop
LaunchNow=Jalankan {#AppName} sekarang
DataKept=Data kantor (basis data dan cadangannya) tidak dihapus; letaknya di folder data pengguna %1. Hapus folder itu sendiri hanya bila datanya memang tidak diperlukan lagi, dan cadangkan dulu ke flash disk.

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopTask}"; GroupDescription: "{cm:ShortcutsGroup}"
Name: "assocbackup"; Description: "{cm:AssocTask}"; GroupDescription: "{cm:AssocGroup}"

[InstallDelete]
; An upgrade first removes the previous version's bundled libraries, so no stale module of the old version is
; left beside the new one. Only the program's own folder: there is no office data in it.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExeName}"; Comment: "{cm:AppComment}"
Name: "{group}\{cm:DemoShortcut}"; Filename: "{app}\{#AppExeName}"; Parameters: "--demo"; Comment: "{cm:DemoComment}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExeName}"; Comment: "{cm:AppComment}"; Tasks: desktopicon

[Registry]
; Backups are named sakip-<kecamatan>-<YYYYMMDD-HHMM>.db (sakip_desktop/storage/backup_names.py). .db is a
; common extension, so the program is added to its "Open with" list rather than made its default program; the
; command opens the restore dialog with that file (the program checks it before anything is replaced).
; HKA: the current user's classes per user, the machine's for all users.
Root: HKA; Subkey: "Software\Classes\.db\OpenWithProgids"; ValueType: string; ValueName: "{#AppProgId}"; ValueData: ""; Flags: uninsdeletevalue; Tasks: assocbackup
Root: HKA; Subkey: "Software\Classes\{#AppProgId}"; ValueType: string; ValueName: ""; ValueData: "{cm:BackupFileType}"; Flags: uninsdeletekey; Tasks: assocbackup
Root: HKA; Subkey: "Software\Classes\{#AppProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExeName},0"; Tasks: assocbackup
Root: HKA; Subkey: "Software\Classes\{#AppProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExeName}"" --restore ""%1"""; Tasks: assocbackup
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExeName}"; Flags: uninsdeletekeyifempty; Tasks: assocbackup
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExeName}\SupportedTypes"; ValueType: string; ValueName: ".db"; ValueData: ""; Flags: uninsdeletekey; Tasks: assocbackup

[Run]
Filename: "{app}\{#AppExeName}"; Description: "{cm:LaunchNow}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Deliberately empty: the uninstaller removes what [Files] installed and nothing else. The office's data
; folder is never named here, so the database and its backups stay.

[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  { Say where the office's data stayed, so nobody thinks it is gone (or deletes it without a backup). }
  if (CurUninstallStep = usPostUninstall) and not UninstallSilent then
    MsgBox(FmtMessage(CustomMessage('DataKept'), [ExpandConstant('{localappdata}\{#AppName}')]), mbInformation, MB_OK);
end;

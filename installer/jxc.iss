; Inno Setup 6 script: the Windows installer of JXC 进销存 (docs/windows-build.md).
;
;   1. build the one-folder app:  .venv\Scripts\pyinstaller --noconfirm installer\jxc.spec
;   2. compile this script:       "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" installer\jxc.iss
;   -> installer\Output\JXC-Setup-<version>.exe
;
; Program files go to {autopf}\JXC (C:\Program Files\JXC). The data directory is per
; machine, %ProgramData%\JXC (C:\ProgramData\JXC), set for every program through the
; machine-wide environment variable JXC_DATA_DIR; users may modify it. Uninstalling removes
; the program and the variable but never the data directory (store, backups, logs).

#define AppName "JXC 进销存"
#define AppVersion "0.1.0"
#define Dist "..\dist\jxc"

[Setup]
AppId={{6E3B7C52-8A0D-4C8E-9D0B-3B5F1E9A7C11}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=JXC
DefaultDirName={autopf}\JXC
DefaultGroupName={#AppName}
OutputBaseFilename=JXC-Setup-{#AppVersion}
Compression=lzma2/max
SolidCompression=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequired=admin
ChangesEnvironment=yes
WizardStyle=modern
ShowLanguageDialog=auto
UninstallDisplayName={#AppName}
UninstallDisplayIcon={app}\jxcw.exe

[Languages]
; ChineseSimplified.isl ships with Inno Setup 6.3+ under Languages\Unofficial: copy it to
; Languages\ if your installation lacks it there.
Name: "zh"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
zh.DesktopIcon=在桌面创建快捷方式
en.DesktopIcon=Create desktop shortcuts
zh.CounterName=JXC 收银台
en.CounterName=JXC 收银台 (counter)
zh.SelfTest=安装自检
en.SelfTest=Installation self-test

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopIcon}"

[Dirs]
; The data directory: kept when JXC is uninstalled, writable by the shop's users.
Name: "{commonappdata}\JXC"; Permissions: users-modify; Flags: uninsneveruninstall

[Files]
Source: "{#Dist}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Registry]
Root: HKLM; Subkey: "SYSTEM\CurrentControlSet\Control\Session Manager\Environment"; \
  ValueType: expandsz; ValueName: "JXC_DATA_DIR"; ValueData: "{commonappdata}\JXC"; \
  Flags: uninsdeletevalue

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\jxcw.exe"; WorkingDir: "{app}"
; Opens straight on the counter: needs `jxc gui --section counter` (see docs/windows-build.md).
Name: "{group}\{cm:CounterName}"; Filename: "{app}\jxcw.exe"; Parameters: "gui --section counter"; WorkingDir: "{app}"
Name: "{group}\{cm:SelfTest}"; Filename: "{cmd}"; Parameters: "/k ""{app}\jxc.exe"" selftest"; WorkingDir: "{app}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\jxcw.exe"; WorkingDir: "{app}"; Tasks: desktopicon
Name: "{autodesktop}\{cm:CounterName}"; Filename: "{app}\jxcw.exe"; Parameters: "gui --section counter"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\jxcw.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

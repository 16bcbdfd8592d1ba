; Inno Setup 6.4+ script: the Windows installer of 政务信息报送考核 (InfoScore).
;
; Built by build/build.py on Windows after PyInstaller, which runs:
;   ISCC /DAppVersion=1.0.0 /DDistDir=<repo>\build\out\InfoScore /DRoot=<repo> /O<repo>\build\out\installer build\installer.iss
;
; - Per-user install, no administrator rights: PrivilegesRequired=lowest puts the program in
;   %LOCALAPPDATA%\Programs\InfoScore ({autopf} in per-user mode), the shortcuts in the user's
;   Start menu and desktop, and the .zwxx association under HKCU\Software\Classes.
; - Chinese setup screens: build\ChineseSimplified.isl, our own translation of the compiler's
;   Default.isl (Inno Setup 6.4), used with every compiler version (Inno Setup ships an official
;   Simplified Chinese file only from 7.0.2; the npm compiler used on Linux is 6.4.1).
; - Test builds only: /DTestInstallDir=<folder> replaces {autopf}\InfoScore. Wine 8.0 cannot
;   expand {autopf} (SHGetKnownFolderPath(FOLDERID_UserProgramFiles) is not implemented: Setup
;   stops with "Failed to expand shell folder constant autopf"), so build/windows_on_debian.sh
;   passes {localappdata}\Programs\InfoScore, which is what {autopf} means per user on Windows.
;   The shipped installer (Windows runner, build/build.py without --define) keeps {autopf}.
; - Uninstalling removes only what was installed here: the user's period files (.zwxx, in
;   Documents\政务信息报送考核 or wherever they saved them), settings and logs stay.

#ifndef AppVersion
  #error Pass /DAppVersion=<version from pyproject.toml> (build/build.py does this)
#endif
#ifndef Root
  #define Root AddBackslash(SourcePath) + ".."
#endif
#ifndef DistDir
  #define DistDir Root + "\build\out\InfoScore"
#endif
#if !FileExists(DistDir + "\InfoScore.exe")
  #error Build the program first: python build/build.py (DistDir has no InfoScore.exe)
#endif

#define AppName "政务信息报送考核"
#define AppExeName "InfoScore.exe"
#define ProgId "InfoScore.Period"

[Setup]
; AppId identifies the program for upgrades and uninstall: never change it.
AppId={{7387903D-6A1D-4946-A75C-0DB178CA88E5}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
VersionInfoDescription={#AppName} 安装程序
PrivilegesRequired=lowest
#ifdef TestInstallDir
DefaultDirName={#TestInstallDir}
#else
DefaultDirName={autopf}\InfoScore
#endif
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
ChangesAssociations=yes
CloseApplications=yes
SetupIconFile={#Root}\resources\icons\app.ico
UninstallDisplayIcon={app}\{#AppExeName}
UninstallDisplayName={#AppName}
WizardStyle=modern
ShowLanguageDialog=no
Compression=lzma2/max
SolidCompression=yes
OutputDir={#Root}\build\out\installer
OutputBaseFilename=InfoScore-setup-{#AppVersion}

[Languages]
Name: "chinesesimplified"; MessagesFile: "{#Root}\build\ChineseSimplified.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[InstallDelete]
; An upgrade replaces the program's own files whole, so nothing of an older version lingers.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExeName}"; Comment: "统计政务信息报送和采用情况，计算得分和排名"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExeName}"; Tasks: desktopicon

[Registry]
; .zwxx period files open in the program on double-click, with their own icon (per user, no admin).
Root: HKCU; Subkey: "Software\Classes\.zwxx"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\.zwxx\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "考核期间文件"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\_internal\resources\icons\document.ico,0"
Root: HKCU; Subkey: "Software\Classes\{#ProgId}\shell\open"; ValueType: string; ValueName: ""; ValueData: "用 {#AppName} 打开"
Root: HKCU; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExeName}"" ""%1"""
; "Open with" lists the program under its Chinese name, for .zwxx files.
Root: HKCU; Subkey: "Software\Classes\Applications\{#AppExeName}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\Applications\{#AppExeName}\SupportedTypes"; ValueType: string; ValueName: ".zwxx"; ValueData: ""

[Run]
Filename: "{app}\{#AppExeName}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

@echo off
rem roi-studio <command> ... : the command line of an installed ROI Studio (Windows).
rem Runs the app's own executable as Node on its CLI, so output stays in this console.
setlocal
set ELECTRON_RUN_AS_NODE=1
"%~dp0..\ROI Studio.exe" "%~dp0..\resources\app.asar\out\electron\cli.js" %*
endlocal & exit /b %ERRORLEVEL%
